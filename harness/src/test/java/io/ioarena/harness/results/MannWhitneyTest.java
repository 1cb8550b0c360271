package io.ioarena.harness.results;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MannWhitneyTest
{
    @Test
    void completelySeparatedSamplesOfFourGiveTheSmallestExactP()
    {
        final MannWhitney t = MannWhitney.test(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8});
        assertEquals(0, t.u());
        assertEquals(2.0 / 70, t.p(), 1e-12);
        assertEquals(2.0 / 70, t.minP(), 1e-12);
        assertTrue(t.exact());
    }

    @Test
    void matchesRsExactWilcoxTest()
    {
        // R: wilcox.test(c(1.1,2.2,3.3,4.4,5.5), c(3.9,6.1,7.2,8.3,9.4)) gives W = 2, p-value = 0.03175
        final MannWhitney t = MannWhitney.test(new double[] {1.1, 2.2, 3.3, 4.4, 5.5},
            new double[] {3.9, 6.1, 7.2, 8.3, 9.4});
        assertEquals(2, t.u());
        assertEquals(0.031746, t.p(), 1e-6);
    }

    @Test
    void twoRepetitionsEachCanNeverBeSignificant()
    {
        final MannWhitney t = MannWhitney.test(new double[] {1, 2}, new double[] {100, 200});
        assertEquals(1.0 / 3, t.minP(), 1e-12);
        assertEquals(1.0 / 3, t.p(), 1e-12);
    }

    @Test
    void identicalSamplesAreNotDifferent()
    {
        assertEquals(1.0, MannWhitney.test(new double[] {5, 5, 5}, new double[] {5, 5, 5}).p(), 1e-12);
        assertEquals(1.0, MannWhitney.test(new double[] {1, 2, 3}, new double[] {1, 2, 3}).p(), 1e-12);
    }

    @Test
    void tiesGetMidRanks()
    {
        assertArrayEquals(new double[] {1.5, 1.5, 3, 4.5, 4.5}, MannWhitney.midRanks(new double[] {2, 2, 3, 7, 7}));
    }

    @Test
    void largeSamplesUseTheNormalApproximation()
    {
        final double[] a = IntStream.rangeClosed(1, 15).asDoubleStream().toArray();
        final double[] b = IntStream.rangeClosed(16, 30).asDoubleStream().toArray();
        final MannWhitney t = MannWhitney.test(a, b);
        assertFalse(t.exact());
        assertTrue(t.p() < 1e-5, "p = " + t.p());
        final double[] interleaved = IntStream.rangeClosed(1, 30).filter(i -> i % 2 == 0).asDoubleStream().toArray();
        final double[] others = IntStream.rangeClosed(1, 30).filter(i -> i % 2 == 1).asDoubleStream().toArray();
        assertTrue(MannWhitney.test(interleaved, others).p() > 0.5);
    }

    @Test
    void normalDistributionFunction()
    {
        assertEquals(0.5, MannWhitney.phi(0), 1e-7);
        assertEquals(0.975002, MannWhitney.phi(1.96), 1e-6);
        assertEquals(0.024998, MannWhitney.phi(-1.96), 1e-6);
    }
}
