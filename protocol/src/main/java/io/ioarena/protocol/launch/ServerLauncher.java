package io.ioarena.protocol.launch;

import java.util.List;

/**
 * Starts a server with the flags of PROTOCOL.md section 8 and says where it listens. The conformance kit and the
 * harness use it, so that a server in this JVM, a Java server in a fresh JVM and a foreign server are all launched
 * and checked the same way.
 */
public interface ServerLauncher
{
    /** A short description for reports: the implementation and its fixed flags. */
    String describe();

    /** Starts a server with {@code args} added to the launcher's own fixed flags; returns once it is ready. */
    LaunchedServer launch(List<String> args) throws Exception;
}
