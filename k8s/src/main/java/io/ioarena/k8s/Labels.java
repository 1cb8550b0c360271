package io.ioarena.k8s;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels every object of a run carries, so that a run, a suite, a server or a point can be selected. */
public final class Labels
{
    public static final String NAME = "app.kubernetes.io/name";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String RUN = "ioarena.io/run";
    public static final String SUITE = "ioarena.io/suite";
    /** The implementation ({@code netty}). */
    public static final String SERVER = "ioarena.io/server";
    /** The variant measured ({@code netty-epoll}). */
    public static final String VARIANT = "ioarena.io/variant";
    /** The server process a point runs against: the harness's trial key. */
    public static final String TRIAL = "ioarena.io/trial";
    public static final String POINT = "ioarena.io/point";
    public static final String REPETITION = "ioarena.io/repetition";
    /** The point's id as the harness writes it (a label value may have been shortened: {@link Names}). */
    public static final String POINT_ID_ANNOTATION = "ioarena.io/point-id";

    public static final String APP = "ioarena";
    public static final String COMPONENT_SUITE = "suite";
    public static final String COMPONENT_SERVER = "server";
    public static final String COMPONENT_CLIENT = "load-client";

    private Labels()
    {
    }

    /** The labels of every object of {@code run}. */
    public static Map<String, String> of(final K8sSettings settings, final String suiteLabel, final String component)
    {
        final Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(COMPONENT, component);
        labels.put(RUN, settings.run());
        labels.put(SUITE, Names.dns(suiteLabel));
        return labels;
    }

    /** {@code base} and more. */
    public static Map<String, String> with(final Map<String, String> base, final String... keyValues)
    {
        final Map<String, String> labels = new LinkedHashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2)
        {
            labels.put(keyValues[i], keyValues[i + 1]);
        }
        return labels;
    }
}
