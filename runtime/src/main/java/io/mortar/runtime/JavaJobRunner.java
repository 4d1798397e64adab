package io.mortar.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a Java job: the class named by {@code --class}, from the job's jar (which the launcher put on the
 * driver's class path with {@code --jars}). A {@link MortarJob} is constructed and run; any other class needs
 * a {@code public static void main(String[])}, which receives the run's arguments as Glue passes them.
 */
final class JavaJobRunner {
    private JavaJobRunner() {}

    static void run(JobContext context) throws Exception {
        String className = context.args().get("class").orElseThrow(() -> new IllegalArgumentException(
                "A Java job needs the argument --class naming its job class"));
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("The job class " + className
                    + " (from --class) is not in the job's jar or --extra-jars", e);
        }
        if (MortarJob.class.isAssignableFrom(type)) {
            MortarJob job = (MortarJob) type.getDeclaredConstructor().newInstance();
            job.run(context);
            return;
        }
        Method main;
        try {
            main = type.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("The job class " + className + " neither implements "
                    + MortarJob.class.getName() + " nor has a public static main(String[])", e);
        }
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new IllegalArgumentException("The job class " + className + " has a main method that is not static");
        }
        try {
            main.invoke(null, (Object) argv(context.args().asMap()));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static String[] argv(Map<String, String> args) {
        List<String> out = new ArrayList<>();
        args.forEach((k, v) -> {
            out.add("--" + k);
            out.add(v);
        });
        return out.toArray(String[]::new);
    }
}
