package dev.rollwatch.local;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts JVMs with the same Java as the local system, on its classpath or from a jar. */
final class JavaLauncher {

    private final String java;
    private final String classpath;

    JavaLauncher(Path launcherJar) {
        this.java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path lib = launcherJar.getParent().resolve("lib");
        this.classpath = launcherJar + File.pathSeparator + lib + File.separator + "*";
    }

    /** {@code java <jvm options> -cp <launcher classpath> <main class> <args>}. */
    List<String> command(String... optionsMainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(java);
        int i = 0;
        while (i < optionsMainAndArgs.length && optionsMainAndArgs[i].startsWith("-")) {
            command.add(optionsMainAndArgs[i++]);
        }
        command.add("-cp");
        command.add(classpath);
        while (i < optionsMainAndArgs.length) {
            command.add(optionsMainAndArgs[i++]);
        }
        return command;
    }

    /** {@code java <jvm options> -jar <jar>}. */
    List<String> jar(Path jar, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }
}
