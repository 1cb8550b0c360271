package io.ioarena.protocol.conformance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlowConsumerBoundTest
{
    @Test
    void theBoundIsTheServersLimitPlusWhatTheKernelHoldsBetweenServerAndConsumer()
    {
        // net.ipv4.tcp_wmem's maximum on this project's machines: 4 MiB
        assertEquals(256 * 1024 + 16 * 1024 + (4L << 20) + 2 * 16 * 1024, ChatCases.slowConsumerBound(4L << 20));
    }

    @Test
    void theSendBufferMaximumIsReadFromThisMachineOrDefaultsToLinuxs()
    {
        final long max = KernelQueues.sendBufferMax();
        assertTrue(max >= 64 * 1024, "a send buffer maximum of " + max);
    }
}
