package io.ioarena.harness.results;

import io.ioarena.contract.ClientSummary;
import io.ioarena.contract.ContractJson;
import io.ioarena.contract.Mode;
import io.ioarena.harness.report.CsvTable;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.harness.suite.ValidityLimits;
import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VerdictsTest
{
    /** Repetition {@code rep} of {@code variant} in the closed-loop echo-max scenario, at {@code rate} msg/s. */
    private static Tables.Row closed(final String variant, final int rep, final double rate, final long lost)
        throws Exception
    {
        final PointSpec spec = new PointSpec(variant, "echo-max", Service.ECHO, Framing.LINE, Mode.CLOSED, 0, 16, 64,
            1, 1);
        final PointResult p = new PointResult(variant + rep, rep, rep, spec, variant, PointStatus.OK, null, null, "t0",
            "t1", List.of(1), List.of(0), 1, null, null, null, 0, 0, null);
        return Tables.Row.of(p, ContractJson.read("{\"achievedRate\": " + rate + ", \"measuredSeconds\": 5, " +
            "\"errors\": {\"lost\": " + lost + "}}", ClientSummary.class, "test"), ValidityLimits.DEFAULT);
    }

    private static List<Tables.Row> server(final String variant, final double... rates) throws Exception
    {
        final List<Tables.Row> rows = new ArrayList<>();
        for (int i = 0; i < rates.length; i++)
        {
            rows.add(closed(variant, i + 1, rates[i], 0));
        }
        return rows;
    }

    @Test
    void everyPairOfRankedServersGetsAVerdictBestFirst() throws Exception
    {
        final List<Tables.Row> rows = new ArrayList<>();
        rows.addAll(server("b", 100, 101, 102, 103, 104));
        rows.addAll(server("a", 120, 121, 122, 123, 124));
        rows.addAll(server("c", 100.5, 101.5, 102.5, 103.5, 104.5));
        rows.addAll(server("flagged", 200, 200));
        rows.add(closed("flagged", 3, 200, 3));
        rows.add(closed("flagged", 4, 200, 1));
        rows.add(closed("flagged", 5, 200, 2));
        final List<Map<String, String>> csv = CsvTable.parse(Verdicts.csv(rows, ValidityLimits.DEFAULT)).rows();
        assertEquals(3, csv.size(), "a, c, b ranked; the server that lost messages in 3 of 5 repetitions is not");
        assertEquals("a leads c by 19% (significant at 95%, p = 0.008)", csv.get(0).get(Verdicts.VERDICT));
        assertEquals(122 / 102.5 - 1, Double.parseDouble(csv.get(0).get(Verdicts.LEAD)), 1e-3, "three decimals");
        assertEquals("rate_achieved", csv.get(0).get(Verdicts.METRIC));
        assertEquals("a leads b by 20% (significant at 95%, p = 0.008)", csv.get(1).get(Verdicts.VERDICT));
        // U = 10 of 25: R's wilcox.test gives W = 15, p = 0.6905
        assertEquals("c vs b: no significant difference (c ahead by 0.5%, p = 0.690)",
            csv.get(2).get(Verdicts.VERDICT));
        assertEquals("false", csv.get(2).get(Verdicts.SIGNIFICANT));
        assertEquals(1 - 2 * 4 / 252.0, Double.parseDouble(csv.get(2).get(Tables.CI_LEVEL)), 1e-3);
        assertEquals("echo-max", csv.get(0).get(Tables.SWEEP));
    }

    @Test
    void aServerIsJudgedOnItsValidRepetitionsWhenEnoughAreValid() throws Exception
    {
        final List<Tables.Row> rows = new ArrayList<>(server("a", 120, 121, 122, 123, 124));
        // b's two fastest repetitions lost messages: dropped, b is judged on 100, 101, 102
        rows.addAll(server("b", 100, 101, 102));
        rows.add(closed("b", 4, 500, 1));
        rows.add(closed("b", 5, 400, 1));
        final Map<String, String> pair = CsvTable.parse(Verdicts.csv(rows, ValidityLimits.DEFAULT)).rows().get(0);
        assertEquals("a", pair.get(Verdicts.LEADER), "b's flagged 500 and 400 do not count");
        assertEquals(101, Double.parseDouble(pair.get("other_median")), 1e-9);
        assertEquals("3", pair.get("other_repetitions"));
        assertEquals("5", pair.get("leader_repetitions"));
        // 5 and 3 repetitions: the smallest two-sided p is 2/56 = 0.036
        assertEquals("a leads b by 21% (significant at 95%, p = 0.036)", pair.get(Verdicts.VERDICT));
    }

    @Test
    void twoRepetitionsSayNoResultCanBeSignificant() throws Exception
    {
        final List<Tables.Row> rows = new ArrayList<>(server("a", 200, 210));
        rows.addAll(server("b", 100, 110));
        assertEquals("a vs b: no significant difference can be shown with 2 and 2 repetitions (a ahead by 95%)",
            CsvTable.parse(Verdicts.csv(rows, ValidityLimits.DEFAULT)).rows().get(0).get(Verdicts.VERDICT));
        assertEquals("", CsvTable.parse(Verdicts.csv(rows, ValidityLimits.DEFAULT)).rows().get(0).get(Verdicts.LEAD_CI_LOW));
    }

    @Test
    void scenariosAreRankedOnTheirMetric()
    {
        assertEquals(Tables.RATE_ACHIEVED, Verdicts.rankedColumn(false, false, false));
        assertEquals(Tables.P99_US, Verdicts.rankedColumn(true, false, false));
        assertEquals(Tables.DELIVERY_P99_US, Verdicts.rankedColumn(true, true, true));
        assertEquals(Tables.P99_US, Verdicts.rankedColumn(true, true, false));
    }
}
