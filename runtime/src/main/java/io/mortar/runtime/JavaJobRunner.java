package io.mortar.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Runs a Java job: the class named by {@code --class}, from the job's jar (which the launcher put on the
 * driver's class path with {@code --jars}). A {@link MortarJob} is constructed and run with the driver's session;
 * any other class needs a {@code public static void main(String[])}, which receives the run's arguments as Glue
 * passes them and makes its own SparkContext.
 */
final class JavaJobRunner {
    private JavaJobRunner() {}

    /** The class named by {@code --class}, from the job's jar and {@code --extra-jars}. */
    static Class<?> jobClass(JobArguments args) {
        String className = args.get("class").orElseThrow(() -> new IllegalArgumentException(
                "A Java job needs the argument --class naming its job class"));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("The job class " + className
                    + " (from --class) is not in the job's jar or --extra-jars", e);
        }
    }

    static boolean isMortarJob(Class<?> type) {
        return MortarJob.class.isAssignableFrom(type);
    }

    /** Runs a {@link MortarJob} with the session the driver made. */
    static void run(Class<?> type, JobContext context) throws Exception {
        MortarJob job = (MortarJob) type.getDeclaredConstructor().newInstance();
        job.run(context);
    }

    /**
     * Runs a class's {@code public static void main(String[])} with the run's arguments as Glue passes them; it
     * makes its own SparkContext, as a GlueApp does.
     */
    static void runMain(Class<?> type, List<String> argv) throws Exception {
        Method main;
        try {
            main = type.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("The job class " + type.getName() + " neither implements "
                    + MortarJob.class.getName() + " nor has a public static main(String[])", e);
        }
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new IllegalArgumentException("The job class " + type.getName()
                    + " has a main method that is not static");
        }
        try {
            main.invoke(null, (Object) argv.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
