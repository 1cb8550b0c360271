package io.ioarena.protocol.conformance;

/** The outcome of one conformance case against one server. */
public record CaseResult(String caseId, Status status, String detail, long millis)
{
    public enum Status
    {
        PASSED, FAILED
    }

    public boolean passed()
    {
        return status == Status.PASSED;
    }

    @Override
    public String toString()
    {
        return (passed() ? "PASS " : "FAIL ") + caseId + " (" + millis + " ms)" + (passed() ? "" : ": " + detail);
    }
}
