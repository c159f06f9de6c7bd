package dev.kiln.models.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded train/test splits and k-fold partitions, plain and stratified. The same seed always
 * gives the same split ({@link Random} is specified bit for bit).
 */
public final class Splits {
    private Splits() {}

    /** A shuffled split with {@code round(testFraction * n)} test rows (at least one of each). */
    public static Split trainTest(int n, double testFraction, long seed) {
        checkFraction(testFraction);
        if (n < 2) throw new IllegalArgumentException("A train/test split needs at least 2 rows, got " + n);
        int[] p = permutation(n, new Random(seed));
        int nTest = Math.min(n - 1, Math.max(1, (int) Math.round(testFraction * n)));
        return sorted(Arrays.copyOfRange(p, nTest, n), Arrays.copyOf(p, nTest));
    }

    /**
     * A split that keeps each class's share: each class puts {@code round(testFraction * count)}
     * of its rows in the test part, keeping at least one in training.
     */
    public static Split stratifiedTrainTest(int[] labels, double testFraction, long seed) {
        checkFraction(testFraction);
        if (labels == null || labels.length < 2) throw new IllegalArgumentException("A train/test split needs at least 2 labels");
        Random rnd = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int[] members : byClass(labels).values()) {
            shuffle(members, rnd);
            int nTest = (int) Math.round(testFraction * members.length);
            if (nTest >= members.length) nTest = members.length - 1;
            for (int i = 0; i < members.length; i++) (i < nTest ? test : train).add(members[i]);
        }
        if (test.isEmpty()) throw new IllegalArgumentException("testFraction " + testFraction + " leaves the test part empty");
        return sorted(toArray(train), toArray(test));
    }

    /** {@code k} shuffled folds of near-equal size; fold i tests on part i, trains on the rest. */
    public static List<Split> kFold(int n, int k, long seed) {
        checkFolds(n, k);
        int[] p = permutation(n, new Random(seed));
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) fold[p[i]] = i % k;
        return folds(fold, k);
    }

    /**
     * {@code k} folds that keep each class's share: every class's rows are shuffled and dealt to
     * the folds in turn (continuing where the previous class stopped, so sizes stay balanced).
     */
    public static List<Split> stratifiedKFold(int[] labels, int k, long seed) {
        if (labels == null) throw new IllegalArgumentException("labels is null");
        checkFolds(labels.length, k);
        Random rnd = new Random(seed);
        int[] fold = new int[labels.length];
        int next = 0;
        for (int[] members : byClass(labels).values()) {
            shuffle(members, rnd);
            for (int m : members) fold[m] = next++ % k;
        }
        return folds(fold, k);
    }

    /** A random permutation of 0..n-1. */
    public static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p, rnd);
        return p;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static TreeMap<Integer, int[]> byClass(int[] labels) {
        TreeMap<Integer, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) m.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
        TreeMap<Integer, int[]> out = new TreeMap<>();
        m.forEach((c, l) -> out.put(c, toArray(l)));
        return out;
    }

    private static List<Split> folds(int[] fold, int k) {
        List<Split> out = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) (fold[i] == f ? test : train).add(i);
            out.add(new Split(toArray(train), toArray(test)));
        }
        return out;
    }

    private static Split sorted(int[] train, int[] test) {
        Arrays.sort(train);
        Arrays.sort(test);
        return new Split(train, test);
    }

    private static int[] toArray(List<Integer> l) { return l.stream().mapToInt(Integer::intValue).toArray(); }

    private static void checkFraction(double f) {
        if (!(f > 0 && f < 1)) throw new IllegalArgumentException("testFraction is " + f + ", expected a value in (0, 1)");
    }

    private static void checkFolds(int n, int k) {
        if (k < 2) throw new IllegalArgumentException("k is " + k + ", expected at least 2 folds");
        if (k > n) throw new IllegalArgumentException("k is " + k + " but there are only " + n + " rows");
    }
}
