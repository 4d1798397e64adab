package io.mortar.store.jdbc.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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
 * <p>Install it before starting the server whose statements are to be counted, and uninstall it afterwards.
 */
public final class StatementCounter implements Driver {
    private final Set<String> ignoredThreads;
    /** The SQL of the statements made while {@link #statementsDuring} runs, else null. */
    private volatile List<String> recording;

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
    public synchronized List<String> statementsDuring(Runnable work) {
        List<String> sql = Collections.synchronizedList(new ArrayList<>());
        recording = sql;
        try {
            work.run();
        } finally {
            recording = null;
        }
        synchronized (sql) {
            return List.copyOf(sql);
        }
    }

    private void record(Object[] args) {
        if (ignoredThreads.contains(Thread.currentThread().getName())) {
            return;
        }
        List<String> sql = recording;
        if (sql != null) {
            sql.add(args != null && args.length > 0 && args[0] instanceof String text ? text : "");
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Driver real = realDriverFor(url);
        if (real == null) {
            return null;
        }
        Connection connection = real.connect(url, info);
        return connection == null ? null : (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.startsWith("prepare") || name.equals("createStatement")) {
                        record(args);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
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
