package io.mortar.runtime.pipeline;

/** A JSON pipeline that cannot run as written; the message names the node and the field. */
public final class PipelineDefinitionException extends IllegalArgumentException {
    public PipelineDefinitionException(String message) {
        super(message);
    }

    static PipelineDefinitionException at(String nodeId, String field, String problem) {
        return new PipelineDefinitionException("Pipeline node '" + nodeId + "': field '" + field + "' " + problem);
    }
}
