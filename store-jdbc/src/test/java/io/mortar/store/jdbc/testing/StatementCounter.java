package io.mortar.store.jdbc.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Counts the SQL statements a server sends to its store, without touching the server: a JDBC driver registered
 * ahead of the real ones, so connection pools opened while it is installed connect through it. It hands out the
 * real driver's connections, wrapped to count every statement they prepare or create.
 *
 * <p>It counts two things: statements prepared ({@link #statementsDuring}: a batch of a thousand rows is one), and
 * executions ({@link #executionsDuring}: every row of a batch is one), which is what shows work that grows with the
 * data, such as rewriting every partition of a table.
 *
 * <p>Install it before starting the server whose statements are to be counted, and uninstall it afterwards.
 */
public final class StatementCounter implements Driver {
    private final Set<String> ignoredThreads;
    /** What is recorded while {@link #statementsDuring} or {@link #executionsDuring} runs, else null. */
    private volatile Recording recording;

    /** The SQL of each statement prepared and of each execution (a batched row counting as one) during one work. */
    private record Recording(List<String> prepared, List<String> executed) {
        Recording() {
            this(Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()));
        }
    }

    private StatementCounter(Set<String> ignoredThreads) {
        this.ignoredThreads = Set.copyOf(ignoredThreads);
    }

    /** Registers a counter in front of every JDBC driver registered so far. */
    public static StatementCounter install() throws SQLException {
        return install(Set.of());
    }

    /**
     * Registers a counter that ignores the statements of the threads of these names: a server's schedulers, say,
     * whose periodic checks would otherwise fall into a measured request now and then.
     */
    public static StatementCounter install(Set<String> ignoredThreads) throws SQLException {
        List<Driver> registered = Collections.list(DriverManager.getDrivers());
        StatementCounter counter = new StatementCounter(ignoredThreads);
        // DriverManager hands a URL to the first registered driver that accepts it; re-registering the real
        // drivers after this one puts it first.
        for (Driver driver : registered) {
            DriverManager.deregisterDriver(driver);
        }
        DriverManager.registerDriver(counter);
        for (Driver driver : registered) {
            DriverManager.registerDriver(driver);
        }
        return counter;
    }

    public void uninstall() throws SQLException {
        DriverManager.deregisterDriver(this);
    }

    /** How many statements the work sent to the store. */
    public long countDuring(Runnable work) {
        return statementsDuring(work).size();
    }

    /**
     * The statements the work sent to the store, as their SQL in the order they were prepared ("" for a plain
     * {@code createStatement}): an assertion on their number shows them all when it fails.
     */
    public List<String> statementsDuring(Runnable work) {
        return record(work).prepared();
    }

    /**
     * The executions the work sent to the store, as their SQL in order: each {@code execute…} of a statement, and
     * each row added to a batch (the batch's own {@code executeBatch} adds nothing more).
     */
    public List<String> executionsDuring(Runnable work) {
        return record(work).executed();
    }

    private synchronized Recording record(Runnable work) {
        Recording sql = new Recording();
        recording = sql;
        try {
            work.run();
        } finally {
            recording = null;
        }
        return new Recording(copy(sql.prepared()), copy(sql.executed()));
    }

    private static List<String> copy(List<String> synchronizedList) {
        synchronized (synchronizedList) {
            return List.copyOf(synchronizedList);
        }
    }

    private void recordPrepared(String sql) {
        Recording current = recordingOfThisThread();
        if (current != null) {
            current.prepared().add(sql);
        }
    }

    private void recordExecuted(String sql) {
        Recording current = recordingOfThisThread();
        if (current != null) {
            current.executed().add(sql);
        }
    }

    private Recording recordingOfThisThread() {
        return ignoredThreads.contains(Thread.currentThread().getName()) ? null : recording;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Driver real = realDriverFor(url);
        if (real == null) {
            return null;
        }
        Connection connection = real.connect(url, info);
        return connection == null ? null : (Connection) proxy(Connection.class, connection, (method, args, result) -> {
            String name = method.getName();
            if (name.startsWith("prepare") || name.equals("createStatement")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : "";
                recordPrepared(sql);
                return result instanceof Statement statement ? countedStatement(statement, sql) : result;
            }
            return result;
        });
    }

    /** A statement recording its executions: a plain statement's SQL comes with each call, a prepared one's with it. */
    private Statement countedStatement(Statement statement, String preparedSql) {
        Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) proxy(type, statement, (method, args, result) -> {
            String name = method.getName();
            if ((name.startsWith("execute") && !name.endsWith("Batch")) || name.equals("addBatch")) {
                recordExecuted(args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql);
            }
            return result;
        });
    }

    /** What a proxy does with each call's result, after the real object answered it. */
    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result) throws Throwable;
    }

    private Object proxy(Class<?> type, Object real, AfterCall after) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return after.apply(method, args, result);
                });
    }

    private Driver realDriverFor(String url) throws SQLException {
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver != this && driver.acceptsURL(url)) {
                return driver;
            }
        }
        return null;
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return realDriverFor(url) != null;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Driver real = realDriverFor(url);
        return real == null ? new DriverPropertyInfo[0] : real.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
