package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExitStatusTest
{
    @Test
    void aDeathBySignalIsNamedAndAnExitIsAnExit()
    {
        assertEquals("was killed by signal 9 (SIGKILL)", ExitStatus.describe(137));
        assertEquals("was killed by signal 15 (SIGTERM)", ExitStatus.describe(143));
        assertEquals("was killed by signal 11 (SIGSEGV)", ExitStatus.describe(139));
        assertEquals("exited with status 3", ExitStatus.describe(3));
        assertEquals("exited with status 128", ExitStatus.describe(128));
        assertEquals("exited with status 200", ExitStatus.describe(200));
    }
}
