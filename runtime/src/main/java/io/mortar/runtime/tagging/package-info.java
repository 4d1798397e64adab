/**
 * Regex tagging: rows tagged with every matching rule of a table of regex rules, in parallel on the executors,
 * through one multi-pattern matcher per rule set ({@code io.mortar.tagging.Tagger}). {@link
 * io.mortar.runtime.tagging.RegexTagging} is the transform, {@link io.mortar.runtime.tagging.TagRules} reads rule
 * tables, {@link io.mortar.runtime.tagging.TagRuleSource} says where one is (a pipeline's {@code Tag} node).
 */
package io.mortar.runtime.tagging;
