package dev.kiln.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.runtime.exec.Outputs;
import dev.kiln.runtime.exec.Session;
import dev.kiln.runtime.io.RandomInputs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlFlowModelTest {
    @Test
    void theSoakModelRunsWithItsDeclaredShapes() {
        Session s = Kiln.load(ControlFlowModel.build().toByteArray());
        Outputs out = s.run(RandomInputs.generate(s.inputs(), Map.of(), 1));
        assertEquals("[6, 1, 2, 16]", out.tensor("Y").shape().toString());
        assertEquals("[1, 2, 16]", out.tensor("z").shape().toString());
        assertEquals("[5, 1, 2, 16]", out.tensor("zs").shape().toString());
    }
}
