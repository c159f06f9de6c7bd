package dev.kiln.ops.common;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * One kernel source, one class per vector width. C2 compiles a Vector API loop to vector
 * instructions only when its species is a constant, in practice a {@code static final} field, so
 * a kernel written once cannot simply take the width as a parameter. Instead a kernel class reads
 * its species with {@link #species(MethodHandles.Lookup)} into a {@code static final} field, and
 * {@link #load} defines a fresh hidden copy of that class from the same bytecode for each width,
 * handing the species over as the hidden class's class data. Each copy is compiled on its own
 * with its own constant, so 128-, 256- and 512-bit variants of one kernel can be timed against
 * each other and tested against the scalar reference in one JVM, on any machine (the JDK runs
 * widths the hardware lacks in Java code, slowly but correctly).
 *
 * <p>Loaded as itself (not through {@link #load}), a kernel class gets the default species: the
 * preferred one, or the width the system property {@value #PROPERTY} names (128, 256 or 512 bits),
 * which also caps the widths {@link #nativeWidths} offers. The tests run the vector kernels at each
 * width this way.
 */
public final class VectorWidths {
    /** The system property that sets the default width in bits. */
    public static final String PROPERTY = "kiln.vector.bits";
    private static final VectorSpecies<Float> DEFAULT = configured();

    private VectorWidths() {}

    /**
     * The species of the kernel class that {@code lookup} belongs to: the width it was loaded for
     * by {@link #load}, else the default float species. Call it from the class's static
     * initializer with {@code MethodHandles.lookup()}.
     */
    @SuppressWarnings("unchecked")
    public static VectorSpecies<Float> species(MethodHandles.Lookup lookup) {
        if (!lookup.lookupClass().isHidden()) return DEFAULT;
        try {
            VectorSpecies<Float> s = MethodHandles.classData(lookup, "_", VectorSpecies.class);
            return s != null ? s : DEFAULT;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("class data of " + lookup.lookupClass(), e);
        }
    }

    /**
     * The default vector width in bits: the preferred one ({@code FloatVector.SPECIES_PREFERRED}),
     * or what {@value #PROPERTY} sets.
     */
    public static int preferredBits() { return DEFAULT.vectorBitSize(); }

    private static VectorSpecies<Float> configured() {
        String bits = System.getProperty(PROPERTY);
        if (bits == null || bits.isBlank()) return FloatVector.SPECIES_PREFERRED;
        return switch (bits.trim()) {
            case "128", "256", "512" -> floatSpecies(Integer.parseInt(bits.trim()));
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + bits + ": expected 128, 256 or 512");
        };
    }

    /** The float species of {@code bits} bits (64 to 512, a power of two). */
    public static VectorSpecies<Float> floatSpecies(int bits) {
        return VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    /**
     * The widths worth timing here: the default width (the widest the hardware runs natively, or
     * what {@code -XX:MaxVectorSize} or {@value #PROPERTY} allows) and half of it, at least 128 bits. A kernel at
     * half width wins where the wide units are split or clocked down (AVX-512 on some cores);
     * a quarter of the width has not been seen to win and would cost another JIT compilation.
     */
    public static List<Integer> nativeWidths() {
        int preferred = preferredBits();
        List<Integer> widths = new ArrayList<>();
        if (preferred >= 256) widths.add(preferred / 2);
        widths.add(Math.max(128, preferred));
        return widths;
    }

    /**
     * A new instance of a fresh hidden copy of {@code kernel} whose {@link #species} is the float
     * species of {@code bits} bits. {@code host} must be a full-privilege lookup in the kernel's
     * package (its own {@code MethodHandles.lookup()} from any class there); the kernel needs a
     * no-argument constructor.
     *
     * @throws IllegalStateException when the class bytes cannot be read or defined
     */
    public static <T> T load(MethodHandles.Lookup host, Class<? extends T> kernel, Class<T> as, int bits) {
        String file = kernel.getName().substring(kernel.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = kernel.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("no class file " + file + " beside " + kernel.getName());
            byte[] bytes = in.readAllBytes();
            MethodHandles.Lookup copy = host.defineHiddenClassWithClassData(bytes, floatSpecies(bits), true);
            Object made = copy.findConstructor(copy.lookupClass(), MethodType.methodType(void.class)).invoke();
            return as.cast(made);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load " + kernel.getName() + " at " + bits + " bits", e);
        }
    }
}
