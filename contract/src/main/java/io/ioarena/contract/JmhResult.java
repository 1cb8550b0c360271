package io.ioarena.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One entry of JMH's JSON result format, the array JMH 1.37 writes with {@code -rf json} (its
 * {@code JSONResultFormat}): what {@code scripts/jmh} leaves in {@code results/jmh/}, which the report reads, and what
 * {@code scripts/report --export jmh-json} writes for a suite, so that JMH's tools read either. Fields
 * JMH writes that nothing here uses ({@code rawDataHistogram} of sample mode) are ignored when read; {@code params}
 * is absent for a benchmark without parameters, as JMH leaves it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JmhResult(String jmhVersion, String benchmark, String mode, int threads, int forks, String jvm,
    List<String> jvmArgs, String jdkVersion, String vmName, String vmVersion, int warmupIterations, String warmupTime,
    int warmupBatchSize, int measurementIterations, String measurementTime, int measurementBatchSize,
    Map<String, String> params, Score primaryMetric, Map<String, Score> secondaryMetrics)
{
    /**
     * One metric: the score with its error (half the confidence interval) and interval, percentiles keyed as JMH
     * writes them ({@code "99.9"}), the unit, and the measured values by fork and iteration ({@code rawData}).
     * JMH writes NaN as the string {@code "NaN"}; so does this mapping.
     */
    public record Score(double score, double scoreError, List<Double> scoreConfidence,
        Map<String, Double> scorePercentiles, String scoreUnit, List<List<Double>> rawData)
    {
    }

    /** Reads a JMH result file. */
    public static List<JmhResult> read(final Path file) throws IOException
    {
        return ContractJson.mapper().readValue(file.toFile(), new TypeReference<List<JmhResult>>()
        {
        });
    }
}
