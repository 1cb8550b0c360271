package io.ioarena.harness.results;

/** Where a point stands: planned and not run yet, measured, or failed (its reason says why). */
public enum PointStatus
{
    /** Planned, not run yet: only in the manifest's list of points. */
    PENDING,
    /** Measured; whether the measurement is valid is up to the harness's validity rules ({@link Validity}). */
    OK,
    FAILED
}
