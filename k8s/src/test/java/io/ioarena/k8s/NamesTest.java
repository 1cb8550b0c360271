package io.ioarena.k8s;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest
{
    @Test
    void harnessIdsBecomeDnsLabels()
    {
        assertEquals("netty-epoll-echo-rate-c16-s64-r5000-rep1", Names.dns("netty-epoll_echo-rate_c16_s64_r5000_rep1"));
        assertEquals("selector-echo-rate-c16-s64-r2-5-rep1", Names.dns("selector_echo-rate_c16_s64_r2.5_rep1"));
    }

    @Test
    void longIdsAreCutWithAHashOfTheWholeId()
    {
        final String a = "run-20261204-161800-vthreads-platform_chat-fanout_c256_s64_r128000_rooms64_rep1";
        final String b = a.replace("rep1", "rep2");
        assertTrue(Names.dns(a).length() <= Names.MAX, Names.dns(a));
        assertTrue(Names.dns(a).matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"), Names.dns(a));
        assertNotEquals(Names.dns(a), Names.dns(b));
    }

    @Test
    void anIdWithoutLettersOrDigitsIsAnError()
    {
        assertThrows(IllegalArgumentException.class, () -> Names.dns("__"));
    }
}
