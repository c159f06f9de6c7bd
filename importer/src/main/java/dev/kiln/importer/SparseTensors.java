package dev.kiln.importer;

import dev.kiln.runtime.ModelLoadException;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.nio.file.Path;
import onnx.OnnxMl.SparseTensorProto;

/** Densifies {@code SparseTensorProto} values (COO indices, linear or per-coordinate). */
final class SparseTensors {
    private SparseTensors() {}

    static Tensor toDense(SparseTensorProto s, Path baseDir) {
        Tensor values = TensorCodec.decode(s.getValues(), baseDir);
        Tensor indices = TensorCodec.decode(s.getIndices(), baseDir);
        long[] dims = new long[s.getDimsCount()];
        for (int i = 0; i < dims.length; i++) dims[i] = s.getDims(i);
        Shape shape = Shape.of(dims);
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
