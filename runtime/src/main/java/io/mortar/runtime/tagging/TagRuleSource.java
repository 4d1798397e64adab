package io.mortar.runtime.tagging;

import io.mortar.runtime.MortarContext;
import io.mortar.tagging.TagRule;
import java.util.List;
import java.util.Map;

/**
 * Where a rule table lives, as a pipeline's {@code Tag} node says it ({@code "rules": {…}}):
 *
 * <ul>
 *   <li>a file: {@code {"path": "s3://…/rules.csv", "format": "csv", "formatOptions": {…}}} ({@code format}
 *       optional when the extension says it);
 *   <li>a catalog table: {@code {"database": "ref", "table": "tag_rules"}};
 *   <li>a JDBC table: {@code {"connectionName": "pg", "dbtable": "public.tag_rules"}} (or {@code url},
 *       {@code user}, {@code password}; {@code query} instead of {@code dbtable}; {@code connectionType}, default
 *       {@code jdbc}; other Spark JDBC options pass through).
 * </ul>
 */
public sealed interface TagRuleSource {
    /** Reads the rule table and makes rules of it ({@link TagRules}). */
    List<TagRule> load(MortarContext mortar);

    record File(String path, String format, Map<String, Object> formatOptions) implements TagRuleSource {
        @Override
        public List<TagRule> load(MortarContext mortar) {
            return TagRules.fromFile(mortar, path, format, formatOptions);
        }
    }

    record Catalog(String database, String table) implements TagRuleSource {
        @Override
        public List<TagRule> load(MortarContext mortar) {
            return TagRules.fromCatalog(mortar, database, table);
        }
    }

    record Jdbc(String connectionType, Map<String, Object> options) implements TagRuleSource {
        @Override
        public List<TagRule> load(MortarContext mortar) {
            return TagRules.fromJdbc(mortar, connectionType, options);
        }
    }

    /** A spec that does not say where a rule table is; {@code field} is the offending field of the spec. */
    final class InvalidSpecException extends IllegalArgumentException {
        private final String field;
        private final String problem;

        InvalidSpecException(String field, String problem) {
            super("field '" + field + "' " + problem);
            this.field = field;
            this.problem = problem;
        }

        public String field() {
            return field;
        }

        public String problem() {
            return problem;
        }
    }

    /**
     * The source a spec describes (JSON as maps, lists and scalars).
     *
     * @throws InvalidSpecException naming the field (relative to the spec) that is missing, unknown or malformed
     */
    static TagRuleSource of(Map<String, ?> spec) {
        return RuleSourceSpec.parse(spec);
    }
}
