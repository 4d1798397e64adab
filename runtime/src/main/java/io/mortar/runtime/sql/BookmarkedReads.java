package io.mortar.runtime.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias$;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import scala.Function1;
import scala.Option;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * A parsed SQL statement with its reads of bookmarked catalog tables replaced by the bookmarked reads (only the new
 * files), each under the table's own name so {@code orders.id} and {@code sales.orders.id} still resolve. Reads
 * anywhere in the statement are replaced: in subqueries, and in CTE definitions, which the parser keeps beside the
 * plan rather than in it.
 */
final class BookmarkedReads {
    private BookmarkedReads() {}

    /**
     * @param reads by {@code database.table} in lower case: the plan that reads the table's new data
     */
    static LogicalPlan rewrite(LogicalPlan plan, String currentDatabase, Map<String, LogicalPlan> reads) {
        return plan.transformUpWithSubqueries(new Replace(currentDatabase, reads));
    }

    private static final class Replace extends AbstractPartialFunction<LogicalPlan, LogicalPlan> {
        private final String currentDatabase;
        private final Map<String, LogicalPlan> reads;

        Replace(String currentDatabase, Map<String, LogicalPlan> reads) {
            this.currentDatabase = currentDatabase;
            this.reads = reads;
        }

        @Override
        public boolean isDefinedAt(LogicalPlan node) {
            return node instanceof UnresolvedWith || node instanceof UnresolvedRelation relation
                    && reads.containsKey(key(relation));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A1 extends LogicalPlan, B1> B1 applyOrElse(A1 node, Function1<A1, B1> otherwise) {
            if (node instanceof UnresolvedRelation relation && reads.containsKey(key(relation))) {
                List<String> name = CollectionConverters.asJava(relation.multipartIdentifier());
                String table = name.get(name.size() - 1);
                String database = name.size() >= 2 ? name.get(name.size() - 2) : currentDatabase;
                return (B1) SubqueryAlias$.MODULE$.apply(CollectionConverters.asScala(List.of(database, table)).toList(),
                        reads.get(key(relation)));
            }
            if (node instanceof UnresolvedWith with) {
                List<Tuple3<String, SubqueryAlias, Option<Object>>> relations = new ArrayList<>();
                for (Tuple3<String, SubqueryAlias, Option<Object>> cte
                        : CollectionConverters.asJava(with.cteRelations())) {
                    relations.add(new Tuple3<>(cte._1(), (SubqueryAlias) rewrite(cte._2(), currentDatabase, reads),
                            cte._3()));
                }
                return (B1) with.copy(with.child(), CollectionConverters.asScala(relations).toList(),
                        with.allowRecursion());
            }
            return otherwise.apply(node);
        }

        private String key(UnresolvedRelation relation) {
            List<String> name = CollectionConverters.asJava(relation.multipartIdentifier());
            if (name.size() == 1) {
                return (currentDatabase + "." + name.get(0)).toLowerCase(Locale.ROOT);
            }
            if (name.size() == 2 || name.size() == 3 && name.get(0).equalsIgnoreCase("spark_catalog")) {
                return (name.get(name.size() - 2) + "." + name.get(name.size() - 1)).toLowerCase(Locale.ROOT);
            }
            return "";
        }
    }
}
