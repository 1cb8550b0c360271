package io.ioarena.harness.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcSamplerTest
{
    /**
     * Closing takes one last sample, whatever the interval: a point closes its sampler once its client has ended, so a
     * suite may sample only at a point's two ends and never while the client measures.
     */
    @Test
    void closingTakesOneLastSample(@TempDir final Path dir) throws Exception
    {
        final ProcSampler sampler = new ProcSampler(ProcessHandle.current().pid(), dir.resolve("samples.csv"),
            Duration.ofHours(1), Pattern.compile("main")).start();
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (sampler.samples().isEmpty() && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        final long beforeClose = System.currentTimeMillis();
        sampler.close();
        final List<ProcSample> samples = sampler.samples();
        assertEquals(2, samples.size(), samples.toString());
        assertTrue(samples.getLast().epochMs() >= beforeClose, "the last sample is taken at close");
        assertEquals(3, Files.readAllLines(dir.resolve("samples.csv")).size(), "the header and both samples");
    }
}
