package io.mortar.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Policy.parse accepts, and that every refusal is InvalidInputException naming the field at fault. */
class PolicyParseTest {

    private static String refusal(String json) {
        GlueException e = catchThrowableOfType(GlueException.class, () -> Policy.parse(json));
        assertThat(e).as("refused: %s", json).isNotNull();
        assertThat(e.code()).isEqualTo(GlueErrorCode.INVALID_INPUT);
        return e.getMessage();
    }

    /** A policy of one statement written as the given JSON members. */
    private static String statement(String members) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{" + members + "}]}";
    }

    @Test
    void keepsTheDocumentVerbatim() {
        String json = "{\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"glue:GetTable\", \"Resource\": \"*\"}\n}";
        assertThat(Policy.parse(json).json()).isEqualTo(json);
    }

    @Test
    void acceptsIamsSpellings() {
        // Statement as one object, Version absent or either of IAM's two, Id, Sid, lists as strings or arrays.
        assertThat(Policy.parse("{\"Statement\":{\"Effect\":\"Deny\",\"NotAction\":\"glue:Delete*\","
                + "\"NotResource\":[\"arn:aws:glue:us-east-1:000000000000:catalog\"]}}").statements()).hasSize(1);
        assertThat(Policy.parse("{\"Version\":\"2008-10-17\",\"Id\":\"p1\",\"Statement\":[{\"Sid\":\"Read1\","
                + "\"Effect\":\"Allow\",\"Action\":[\"glue:Get*\",\"glue:Search*\"],\"Resource\":\"*\"},"
                + "{\"Sid\":\"\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"\",\"Effect\":\"Allow\",\"Action\":\"*:Get*\",\"Resource\":\"arn:aws:glue:*\"}]}")
                .statements()).hasSize(3);
    }

    @Test
    void refusesAnEffectNotSpeltExactly() {
        String json = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"allow \",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        assertThat(refusal(json)).isEqualTo("Statement[1].Effect must be Allow or Deny, not 'allow '");
        assertThat(refusal(statement("\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Effect must be Allow or Deny, not 'allow'");
        assertThat(refusal(statement("\"Effect\":true,\"Action\":\"*\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Effect must be Allow or Deny, not true");
        assertThat(refusal(statement("\"Action\":\"*\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Effect is missing");
        assertThat(refusal("{\"Statement\":{\"Effect\":\"DENY\",\"Action\":\"*\",\"Resource\":\"*\"}}"))
                .startsWith("Statement.Effect must be Allow or Deny");
    }

    @Test
    void refusesConditionsItDoesNotEvaluate() {
        assertThat(refusal(statement("\"Effect\":\"Deny\",\"Action\":\"glue:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}")))
                .startsWith("Statement[0].Condition is not supported");
    }

    @Test
    void refusesAPrincipalInAnIdentityPolicy() {
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Principal is not allowed: an identity-based policy names no principal");
        assertThat(refusal(statement("\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"x\"},\"Action\":\"*\","
                + "\"Resource\":\"*\""))).startsWith("Statement[0].NotPrincipal is not allowed");
    }

    @Test
    void refusesPolicyVariablesInResources() {
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"glue:*\",\"Resource\":["
                + "\"arn:aws:glue:us-east-1:000000000000:catalog\","
                + "\"arn:aws:glue:us-east-1:000000000000:database/${aws:username}\"]")))
                .isEqualTo("Statement[0].Resource[1] 'arn:aws:glue:us-east-1:000000000000:database/${aws:username}'"
                        + " uses a policy variable (${…}), which Mortar does not evaluate (only ${*}, ${?} and ${$},"
                        + " for the characters themselves, under Version 2012-10-17)");
        assertThat(refusal(statement("\"Effect\":\"Deny\",\"Action\":\"glue:*\","
                + "\"NotResource\":\"arn:aws:glue:us-east-1:000000000000:table/${aws:username}/*\"")))
                .startsWith("Statement[0].NotResource 'arn:aws:glue");
        // a variable after an escape is still a variable
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"glue:*\","
                + "\"Resource\":\"arn:aws:glue:us-east-1:000000000000:job/${*}${aws:username}\"")))
                .startsWith("Statement[0].Resource 'arn:aws:glue");
    }

    @Test
    void readsIamsCharacterEscapesInResourcesUnderTheCurrentVersionOnly() {
        String job = "arn:aws:glue:us-east-1:000000000000:job/";
        Policies starJob = Policies.of(List.of(Policy.parse(statement("\"Effect\":\"Allow\",\"Action\":\"glue:GetJob\","
                + "\"Resource\":[\"" + job + "a${*}\",\"" + job + "q${?}\",\"" + job + "d${$}{x}\"]"))));
        assertThat(starJob.decide("glue:GetJob", job + "a*")).isEqualTo(Decision.ALLOW);
        assertThat(starJob.decide("glue:GetJob", job + "ab")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(starJob.decide("glue:GetJob", job + "q?")).isEqualTo(Decision.ALLOW);
        assertThat(starJob.decide("glue:GetJob", job + "qq")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(starJob.decide("glue:GetJob", job + "d${x}")).isEqualTo(Decision.ALLOW);
        // Under 2008-10-17 (or no Version) IAM reads no variables at all: Mortar refuses rather than guess.
        assertThat(refusal("{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"" + job + "a${*}\"}}")).startsWith("Statement.Resource '" + job + "a${*}' uses a policy");
        assertThat(refusal("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"" + job + "a${*}\"}}")).startsWith("Statement.Resource '" + job + "a${*}' uses a policy");
    }

    @Test
    void literalWritesANameSoThatItMeansOnlyItself() {
        String job = "arn:aws:glue:us-east-1:000000000000:job/";
        String name = "nightly*load?${x}";
        assertThat(Policy.literal(name)).isEqualTo("nightly${*}load${?}${$}{x}");
        Policies own = Policies.of(List.of(Policy.parse(statement("\"Effect\":\"Allow\",\"Action\":\"glue:GetJob\","
                + "\"Resource\":\"" + job + Policy.literal(name) + "\""))));
        assertThat(own.decide("glue:GetJob", job + name)).isEqualTo(Decision.ALLOW);
        assertThat(own.decide("glue:GetJob", job + "nightly-reload!${x}")).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void refusesUnknownKeys() {
        assertThat(refusal("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}],"
                + "\"Statements\":[]}"))
                .isEqualTo("Policy document has an unknown key 'Statements'; a policy has Version, Id and Statement");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"effect\":\"Deny\"")))
                .startsWith("Statement[0] has an unknown key 'effect'");
    }

    @Test
    void refusesEmptyListsAndMissingOrDoubledElements() {
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"")))
                .isEqualTo("Statement[0].Action must not be empty");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"NotAction\":[],\"Resource\":\"*\"")))
                .isEqualTo("Statement[0].NotAction must not be empty");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":[]")))
                .isEqualTo("Statement[0].Resource must not be empty");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Resource\":\"*\"")))
                .startsWith("Statement[0] has neither Action nor NotAction");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"glue:Get*\","
                + "\"Resource\":\"*\""))).startsWith("Statement[0] has both Action and NotAction");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"*\"")))
                .startsWith("Statement[0] has neither Resource nor NotResource");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"NotResource\":\"*\"")))
                .startsWith("Statement[0] has both Resource and NotResource");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":[\"glue:GetTable\",3],\"Resource\":\"*\"")))
                .isEqualTo("Statement[0].Action[1] must be a string, not 3");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":{\"a\":1},\"Resource\":\"*\"")))
                .startsWith("Statement[0].Action must be a string or an array of strings");
        assertThat(refusal("{\"Version\":\"2012-10-17\"}")).startsWith("Statement is missing");
        assertThat(refusal("{\"Statement\":[]}")).startsWith("Statement must not be empty");
        assertThat(refusal("{\"Statement\":\"Allow\"}")).startsWith("Statement must be an object or an array");
        assertThat(refusal("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},\"x\"]}"))
                .startsWith("Statement[1] must be an object, not 'x'");
    }

    @Test
    void refusesActionsWithoutAServicePrefix() {
        // IAM: "Actions/Conditions must be prefaced by a vendor"; "*" alone is the one action without one.
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":[\"glue:GetTable\",\"GetTable\"],"
                + "\"Resource\":\"*\""))).startsWith("Statement[0].Action[1] 'GetTable' has no service prefix");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"Get*\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Action 'Get*' has no service prefix");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"glue:Get:Table\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Action 'glue:Get:Table' may contain only one colon");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"gl*e:GetTable\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Action 'gl*e:GetTable': the service prefix 'gl*e' is not valid");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\":GetTable\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Action ':GetTable': the service prefix '' is not valid");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"glue:\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Action 'glue:' names no action");
    }

    @Test
    void refusesResourcesThatAreNotArns() {
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"table/sales/*\"")))
                .startsWith("Statement[0].Resource 'table/sales/*' must be an ARN");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:glue\"")))
                .startsWith("Statement[0].Resource 'arn:aws:glue' must be an ARN");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:*\"")))
                .startsWith("Statement[0].Resource 'arn:*' must be an ARN");
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:*:us-east-1:1:x\"")))
                .startsWith("Statement[0].Resource 'arn:aws:*:us-east-1:1:x' must spell out its partition and service");
    }

    @Test
    void refusesSidsIamRefuses() {
        assertThat(refusal("{\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"Read\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
                .isEqualTo("Statement[1].Sid 'Read' is also Statement[0]'s: Sids must be unique within a policy");
        assertThat(refusal(statement("\"Sid\":\"read only\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Sid 'read only' may contain only the letters");
        assertThat(refusal(statement("\"Sid\":1,\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"")))
                .startsWith("Statement[0].Sid must be a string");
    }

    @Test
    void refusesVersionsAndIdsIamRefuses() {
        assertThat(refusal("{\"Version\":\"2012-10-18\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}}")).isEqualTo("Version must be 2012-10-17 or 2008-10-17, not '2012-10-18'");
        assertThat(refusal("{\"Version\":20121017,\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}}")).startsWith("Version must be");
        assertThat(refusal("{\"Id\":[],\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"))
                .startsWith("Id must be a string");
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        assertThat(refusal("{\"Statement\": [")).isEqualTo("Policy document is not valid JSON: Unexpected"
                + " end-of-input: expected close marker for Array (line 1, column 16)");
        assertThat(refusal("Effect: Allow")).startsWith("Policy document is not valid JSON");
        assertThat(refusal("[]")).startsWith("Policy document must be a JSON object");
        assertThat(refusal("")).startsWith("Policy document must not be empty");
        assertThat(refusal(null)).startsWith("Policy document must not be empty");
        // Trailing content and duplicate keys would otherwise be read as whatever the parser kept.
        assertThat(refusal("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}} {}"))
                .isEqualTo("Policy document is not valid JSON: there is more after the document's end (line 1,"
                        + " column 62)");
        assertThat(refusal("{\"Statement\":{\"Effect\":\"Deny\",\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}}")).isEqualTo("Policy document is not valid JSON: Duplicate field 'Effect' (line 1, column 39)");
    }

    @Test
    void refusesADocumentOverIamsSizeNotCountingWhiteSpace() {
        // A 6,144-character document passes however much white space surrounds it; one more character is refused.
        String head = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"glue:GetTable\",\"Resource\":\"arn:aws:glue:"
                + "us-east-1:000000000000:table/sales/";
        String tail = "\"}}";
        String atLimit = head + "t".repeat(PolicyDocumentReader.MAX_NON_WHITESPACE_CHARACTERS - head.length()
                - tail.length()) + tail;
        assertThat(atLimit).hasSize(6_144);
        assertThat(Policy.parse(atLimit.replace(",", ",\n    ")).statements()).hasSize(1);
        String overLimit = atLimit.replace("/sales/", "/sales/t");
        assertThat(refusal(overLimit))
                .isEqualTo("Policy document has 6,145 characters not counting white space; IAM's limit for a policy"
                        + " is 6,144");
    }

    @Test
    void refusesCharactersIamRefuses() {
        assertThat(refusal(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":"
                + "\"arn:aws:glue:us-east-1:000000000000:table/销售/*\"")))
                .startsWith("Policy document may contain only tab, line feed, carriage return and the characters"
                        + " U+0020 to U+00FF");
        // Latin-1 is IAM's range and passes.
        assertThat(Policy.parse(statement("\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":"
                + "\"arn:aws:glue:us-east-1:000000000000:table/café/*\"")).statements()).hasSize(1);
    }
}
