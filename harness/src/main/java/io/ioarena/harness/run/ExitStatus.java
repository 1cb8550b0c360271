package io.ioarena.harness.run;

import java.util.List;

/**
 * How a process the harness started ended, in words for a point's reason. Java reports a process killed by signal n
 * as exit status 128 + n, as shells do; a reason that says "killed by signal 9 (SIGKILL)" points at the OOM killer
 * or a person, where "exited with status 137" points nowhere.
 */
final class ExitStatus
{
    /** Linux's signal names, numbers 1 to 31. */
    private static final List<String> SIGNALS = List.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
        "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
        "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    private ExitStatus()
    {
    }

    /** "exited with status 3", or "was killed by signal 9 (SIGKILL)" for status 137. */
    static String describe(final int status)
    {
        final int signal = status - 128;
        if (signal >= 1 && signal <= SIGNALS.size())
        {
            return "was killed by signal " + signal + " (SIG" + SIGNALS.get(signal - 1) + ")";
        }
        return "exited with status " + status;
    }
}
