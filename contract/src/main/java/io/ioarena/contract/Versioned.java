package io.ioarena.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A file of the contract: it is written with the schema version of the build that wrote it, as its first field. */
public interface Versioned
{
    @JsonProperty(value = ContractJson.SCHEMA_VERSION_FIELD, index = 0)
    default int schemaVersion()
    {
        return ContractJson.SCHEMA_VERSION;
    }
}
