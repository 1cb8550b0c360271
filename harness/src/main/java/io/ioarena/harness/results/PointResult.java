package io.ioarena.harness.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.ioarena.contract.Versioned;
import io.ioarena.harness.suite.PointSpec;
import io.ioarena.protocol.server.ReadyLine;

import java.util.List;

/**
 * Everything about one finished point (one repetition of one spec) but the client's own files: written last, as
 * {@code point.json}, so its presence means the point is done and {@code --resume} skips it.
 *
 * @param status  {@code OK}: measured (the client's validity flags say how well); {@code FAILED}: see reason.
 * @param notes   things worth knowing about an OK point, e.g. a server that exited non-zero on SIGTERM.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PointResult(
    String id,
    int seq,
    int repetition,
    PointSpec spec,
    String implementation,
    PointStatus status,
    String reason,
    List<String> notes,
    String startedAt,
    String finishedAt,
    List<Integer> serverCpus,
    List<Integer> clientCpus,
    int eventLoops,
    List<String> serverCommand,
    List<String> clientCommand,
    ReadyLine ready,
    Integer serverExitStatus,
    Integer clientExitStatus,
    Resources resources) implements Versioned
{
    public static final String FILE = "point.json";

    @JsonIgnore
    public boolean ok()
    {
        return status == PointStatus.OK;
    }
}
