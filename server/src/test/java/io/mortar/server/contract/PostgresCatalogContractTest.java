package io.mortar.server.contract;

import io.mortar.store.jdbc.testing.StoreBackend;
import org.junit.jupiter.api.Nested;

/** The catalog contract on PostgreSQL: a fresh database from MORTAR_TEST_PG_URL (skipped without it). */
class PostgresCatalogContractTest extends CatalogContractTest {
    @Override
    StoreBackend backend() {
        return StoreBackend.POSTGRESQL;
    }

    @Nested
    class Databases extends DatabaseContract {
        Databases() {
            super(running(), client());
        }
    }

    @Nested
    class Tables extends TableContract {
        Tables() {
            super(running(), client());
        }
    }

    @Nested
    class TableVersions extends TableVersionContract {
        TableVersions() {
            super(running(), client());
        }
    }

    @Nested
    class Search extends SearchTablesContract {
        Search() {
            super(running(), client());
        }
    }

    @Nested
    class Partitions extends PartitionContract {
        Partitions() {
            super(running(), client());
        }
    }

    @Nested
    class PartitionExpressions extends PartitionExpressionContract {
        PartitionExpressions() {
            super(running(), client());
        }
    }

    @Nested
    class Paging extends PagingContract {
        Paging() {
            super(running(), client());
        }
    }

    @Nested
    class PartitionIndexes extends PartitionIndexContract {
        PartitionIndexes() {
            super(running(), client());
        }
    }

    @Nested
    class ColumnStatistics extends ColumnStatisticsContract {
        ColumnStatistics() {
            super(running(), client());
        }
    }

    @Nested
    class UserDefinedFunctions extends FunctionContract {
        UserDefinedFunctions() {
            super(running(), client());
        }
    }

    @Nested
    class Tags extends TagContract {
        Tags() {
            super(running(), client());
        }
    }

    @Nested
    class Concurrency extends ConcurrencyContract {
        Concurrency() {
            super(running(), client());
        }
    }

    @Nested
    class RequestValidation extends ValidationContract {
        RequestValidation() {
            super(running(), client());
        }
    }

    @Nested
    class Connections extends ConnectionContract {
        Connections() {
            super(running(), client());
        }
    }

    @Nested
    class JobBookmarks extends JobBookmarkContract {
        JobBookmarks() {
            super(running(), client());
        }
    }

    @Nested
    class Workflows extends WorkflowContract {
        Workflows() {
            super(running(), client());
        }
    }

    @Nested
    class Triggers extends TriggerContract {
        Triggers() {
            super(running(), client());
        }
    }
}
