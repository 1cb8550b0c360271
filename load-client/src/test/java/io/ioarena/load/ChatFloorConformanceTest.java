package io.ioarena.load;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.conformance.AbstractConformanceTest;
import io.ioarena.protocol.conformance.ConformanceCase;
import io.ioarena.protocol.conformance.ConformanceKit;
import io.ioarena.protocol.launch.ProcessLauncher;
import io.ioarena.protocol.launch.ServerLauncher;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The C chat floor ({@code src/speed/c/chat_server.c}, the fan-out suite's yardstick row) against the conformance
 * kit's chat/line cases, the part of PROTOCOL.md it implements, started through {@code scripts/c-chat-server} as the
 * harness starts it. Skipped, with the reason, where there is no C compiler.
 */
class ChatFloorConformanceTest extends AbstractConformanceTest
{
    private static final Path SCRIPT = Path.of("..", "scripts", "c-chat-server").toAbsolutePath().normalize();

    @Override
    protected ServerLauncher launcher()
    {
        Assumptions.assumeTrue(builds(), "no C compiler (cc) here to build the C chat floor");
        return new ProcessLauncher(List.of(SCRIPT.toString()), Duration.ofSeconds(30), null);
    }

    @Override
    protected List<ConformanceCase> cases()
    {
        return ConformanceKit.cases(Service.CHAT, Framing.LINE);
    }

    private static boolean builds()
    {
        try
        {
            final Process build = new ProcessBuilder(SCRIPT.toString(), "--build").inheritIO().start();
            return build.waitFor() == 0;
        }
        catch (final IOException e)
        {
            return false;
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
