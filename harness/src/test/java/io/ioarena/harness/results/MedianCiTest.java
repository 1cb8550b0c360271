package io.ioarena.harness.results;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MedianCiTest
{
    @Test
    void singleValueHasNoInterval()
    {
        assertEquals(new MedianCi(1, 7, 7, 7, 0), MedianCi.of(7));
    }

    @Test
    void fewValuesUseMinAndMaxAndSayTheirTrueCoverage()
    {
        final MedianCi ci = MedianCi.of(5, 1, 4, 2, 3);
        assertEquals(3, ci.median());
        assertEquals(1, ci.low());
        assertEquals(5, ci.high());
        assertEquals(1 - 2 / 32.0, ci.level(), 1e-12, "93.75%: five values cannot give 95%");
        assertEquals(2.5, MedianCi.of(4, 1, 2, 3).median());
    }

    @Test
    void sixValuesReachNinetyFivePercentWithMinAndMax()
    {
        final MedianCi ci = MedianCi.of(1, 2, 3, 4, 5, 6);
        assertEquals(1, ci.low());
        assertEquals(6, ci.high());
        assertEquals(1 - 2 / 64.0, ci.level(), 1e-12);
    }

    @Test
    void twentyValuesUseTheSixthAndFifteenthOrderStatistics()
    {
        final double[] x = new double[20];
        for (int i = 0; i < 20; i++)
        {
            x[i] = 20 - i;   // 20..1, unsorted on purpose
        }
        final MedianCi ci = MedianCi.of(x);
        assertEquals(10.5, ci.median());
        assertEquals(6, ci.low());
        assertEquals(15, ci.high());
        // P(B <= 5) for B ~ Bin(20, 1/2) = 21700 / 2^20
        assertEquals(1 - 2 * 21700 / 1048576.0, ci.level(), 1e-12);
    }
}
