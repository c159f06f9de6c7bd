package dev.kiln.ops.common;

/**
 * Whether the Vector API kernels run, decided once: {@code jdk.incubator.vector} must be in the
 * boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}), the system
 * property {@code kiln.vector} must not be {@code false}, and the preferred vectors must hold at
 * least 4 floats. Otherwise every kernel takes its scalar path. This class itself never touches
 * the Vector API, so it loads without the module.
 */
public final class Vectors {
    /** True when the Vector API kernels are used. */
    public static final boolean ENABLED = detect();

    private Vectors() {}

    private static boolean detect() {
        boolean on = false;
        String why;
        if ("false".equalsIgnoreCase(System.getProperty("kiln.vector"))) {
            why = "disabled by -Dkiln.vector=false";
        } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            why = "module jdk.incubator.vector not added";
        } else {
            try {
                int lanes = VectorMath.lanes();
                on = lanes >= 4;
                why = lanes * 32 + "-bit vectors";
            } catch (LinkageError e) {
                why = "Vector API unavailable: " + e;
            }
        }
        System.getLogger(Vectors.class.getName()).log(System.Logger.Level.DEBUG,
                "float32 Vector API kernels: " + (on ? "on" : "off") + " (" + why + ")");
        return on;
    }
}
