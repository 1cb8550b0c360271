package io.ioarena.harness.results;

import io.ioarena.harness.run.ProcSample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResourcesTest
{
    @Test
    void countersAreInterpolatedAtTheWindowEdges()
    {
        // one CPU second of user time per 1000 ms, 10 voluntary switches per sample
        final List<ProcSample> samples = List.of(
            new ProcSample(1000, 0.0, 0.0, 100, 3, 0, 0),
            new ProcSample(2000, 1.0, 0.5, 300, 5, 10, 1),
            new ProcSample(3000, 2.0, 1.0, 200, 4, 20, 2),
            new ProcSample(4000, 3.0, 1.5, 900, 9, 30, 3));
        final Resources r = Resources.of(samples, 1500, 3500, null);
        assertEquals(2.0, r.windowSeconds(), 1e-9);
        assertEquals(2.0, r.cpuUserSeconds(), 1e-9);
        assertEquals(1.0, r.cpuSysSeconds(), 1e-9);
        assertEquals(20, r.contextSwitchesVoluntary());
        assertEquals(300, r.rssMaxBytes(), "highest RSS sampled inside the window");
        assertEquals(5, r.threadsMax());
    }
}
