package eu.delisting.gateway.support;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.io.File;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The endpoints the gateway implements, read from its compiled resource classes. */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * Every resource method of the gateway's API, as "METHOD /path/{param}" (dev-only resources excluded, and the
     * HTML pages for people, the landing page and the console, which are not the API).
     */
    public static Set<String> implemented() throws Exception {
        Set<String> endpoints = new TreeSet<>();
        for (Class<?> type : resourceClasses()) {
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null || type.isAnnotationPresent(IfBuildProfile.class)
                    || (type.isAnnotationPresent(IfBuildProperty.class)
                        && type.getAnnotation(IfBuildProperty.class).name().equals("gateway.demo.enabled"))) {
                // Built into dev mode only (the demo's /dev/identity): not part of the contract.
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE"
                        : m.isAnnotationPresent(PATCH.class) ? "PATCH" : null;
                if (verb == null) {
                    continue;
                }
                Path methodPath = m.getAnnotation(Path.class);
                String path = classPath.value() + (methodPath == null ? "" : "/" + methodPath.value().replaceFirst("^/", ""));
                if (!path.startsWith("/api/")) {
                    continue;
                }
                endpoints.add(verb + " " + path.replaceAll("/+$", ""));
            }
        }
        return endpoints;
    }

    /** The compiled resource classes, read from the build output (the test class loader hides them in memory). */
    private static List<Class<?>> resourceClasses() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target", "classes");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(classes.resolve("eu/delisting/gateway"))) {
            for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString().endsWith("Resource.class")).toList()) {
                String name = classes.relativize(f).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                found.add(Class.forName(name, false, Endpoints.class.getClassLoader()));
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no resource classes under target/classes");
        }
        return found;
    }
}
