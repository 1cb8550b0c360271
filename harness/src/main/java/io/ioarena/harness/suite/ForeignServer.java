package io.ioarena.harness.suite;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A server outside this build that speaks PROTOCOL.md, given as a command line. {@code {flags}} in the command
 * stands for the PROTOCOL.md section 8 flags of the point (appended at the end when absent); {@code {port}} for a
 * free port the harness picks (then {@code --port} in the flags says the same port).
 *
 * @param command  e.g. {@code python3 scripts/asyncore_server.py {flags}}; paths are relative to the repository.
 * @param check    optional command that exits 0 when the server can run here; otherwise the server is skipped.
 * @param skipHint what to tell the user when the check fails.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForeignServer(String command, String check, String skipHint)
{
    public ForeignServer
    {
        Sweep.require(command != null && !command.isBlank(), "a foreign server needs a command");
    }
}
