package dev.kiln.importer;

import dev.kiln.runtime.ModelLoadException;
import dev.kiln.runtime.tensor.MemoryBudget;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import onnx.OnnxMl.SparseTensorProto;

/** Densifies {@code SparseTensorProto} values (COO indices, linear or per-coordinate). */
final class SparseTensors {
    private SparseTensors() {}

    /** The dense form, refused when larger than {@code maxBytes} (sparse data does not bound it). */
    static Tensor toDense(SparseTensorProto s, DataFolders folders, long maxBytes) {
        Tensor values = TensorCodec.decode(s.getValues(), folders);
        Tensor indices = TensorCodec.decode(s.getIndices(), folders);
        long[] dims = new long[s.getDimsCount()];
        for (int i = 0; i < dims.length; i++) dims[i] = s.getDims(i);
        Shape shape;
        try {
            shape = Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("Sparse tensor '" + s.getValues().getName() + "': " + e.getMessage());
        }
        long bytes = shape.size() > Long.MAX_VALUE / 8 ? Long.MAX_VALUE
                : shape.size() * MemoryBudget.elementBytes(values.dtype());
        if (bytes > maxBytes || shape.size() > Integer.MAX_VALUE - 8) {
            throw new ModelLoadException("Sparse tensor '" + s.getValues().getName() + "' of shape " + shape
                    + " needs " + bytes + " bytes when dense, over the limit of " + maxBytes
                    + " (LoadOptions.withMaxTensorBytes)");
        }
        Tensor dense = Tensor.zeros(values.dtype(), shape);
        int nnz = values.size();
        long[] strides = shape.strides();
        long[] idx = indices.toLongArray();
        boolean linear = indices.rank() == 1;
        if (!linear && (indices.rank() != 2 || indices.shape().dim(1) != dims.length || indices.shape().dim(0) != nnz)) {
            throw new ModelLoadException("Sparse tensor '" + s.getValues().getName() + "': indices of shape "
                    + indices.shape() + " do not match " + nnz + " values of rank " + dims.length);
        }
        for (int k = 0; k < nnz; k++) {
            long flat = 0;
            if (linear) flat = idx[k];
            else for (int d = 0; d < dims.length; d++) flat += idx[k * dims.length + d] * strides[d];
            if (flat < 0 || flat >= shape.size()) {
                throw new ModelLoadException("Sparse tensor '" + s.getValues().getName() + "': index " + flat
                        + " is outside shape " + shape);
            }
            System.arraycopy(values.data(), k, dense.data(), (int) flat, 1);
        }
        return dense;
    }
}
