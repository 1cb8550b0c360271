package io.ioarena.harness.results;

/** Where a suite run stands, in its manifest. */
public enum RunStatus
{
    RUNNING, COMPLETED, INTERRUPTED
}
