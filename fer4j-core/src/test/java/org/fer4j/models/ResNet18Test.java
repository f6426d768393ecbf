package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** torchvision's names and shapes; {@link #TORCHVISION} is also what the safetensors tests write. */
public class ResNet18Test {
    /** torchvision.models.resnet18().state_dict() without fc.* and num_batches_tracked, in order. */
    public static final List<String> TORCHVISION = List.of(
            "conv1.weight 64x3x7x7",
            "bn1.weight 64",
            "bn1.bias 64",
            "bn1.running_mean 64",
            "bn1.running_var 64",
            "layer1.0.conv1.weight 64x64x3x3",
            "layer1.0.bn1.weight 64",
            "layer1.0.bn1.bias 64",
            "layer1.0.bn1.running_mean 64",
            "layer1.0.bn1.running_var 64",
            "layer1.0.conv2.weight 64x64x3x3",
            "layer1.0.bn2.weight 64",
            "layer1.0.bn2.bias 64",
            "layer1.0.bn2.running_mean 64",
            "layer1.0.bn2.running_var 64",
            "layer1.1.conv1.weight 64x64x3x3",
            "layer1.1.bn1.weight 64",
            "layer1.1.bn1.bias 64",
            "layer1.1.bn1.running_mean 64",
            "layer1.1.bn1.running_var 64",
            "layer1.1.conv2.weight 64x64x3x3",
            "layer1.1.bn2.weight 64",
            "layer1.1.bn2.bias 64",
            "layer1.1.bn2.running_mean 64",
            "layer1.1.bn2.running_var 64",
            "layer2.0.conv1.weight 128x64x3x3",
            "layer2.0.bn1.weight 128",
            "layer2.0.bn1.bias 128",
            "layer2.0.bn1.running_mean 128",
            "layer2.0.bn1.running_var 128",
            "layer2.0.conv2.weight 128x128x3x3",
            "layer2.0.bn2.weight 128",
            "layer2.0.bn2.bias 128",
            "layer2.0.bn2.running_mean 128",
            "layer2.0.bn2.running_var 128",
            "layer2.0.downsample.0.weight 128x64x1x1",
            "layer2.0.downsample.1.weight 128",
            "layer2.0.downsample.1.bias 128",
            "layer2.0.downsample.1.running_mean 128",
            "layer2.0.downsample.1.running_var 128",
            "layer2.1.conv1.weight 128x128x3x3",
            "layer2.1.bn1.weight 128",
            "layer2.1.bn1.bias 128",
            "layer2.1.bn1.running_mean 128",
            "layer2.1.bn1.running_var 128",
            "layer2.1.conv2.weight 128x128x3x3",
            "layer2.1.bn2.weight 128",
            "layer2.1.bn2.bias 128",
            "layer2.1.bn2.running_mean 128",
            "layer2.1.bn2.running_var 128",
            "layer3.0.conv1.weight 256x128x3x3",
            "layer3.0.bn1.weight 256",
            "layer3.0.bn1.bias 256",
            "layer3.0.bn1.running_mean 256",
            "layer3.0.bn1.running_var 256",
            "layer3.0.conv2.weight 256x256x3x3",
            "layer3.0.bn2.weight 256",
            "layer3.0.bn2.bias 256",
            "layer3.0.bn2.running_mean 256",
            "layer3.0.bn2.running_var 256",
            "layer3.0.downsample.0.weight 256x128x1x1",
            "layer3.0.downsample.1.weight 256",
            "layer3.0.downsample.1.bias 256",
            "layer3.0.downsample.1.running_mean 256",
            "layer3.0.downsample.1.running_var 256",
            "layer3.1.conv1.weight 256x256x3x3",
            "layer3.1.bn1.weight 256",
            "layer3.1.bn1.bias 256",
            "layer3.1.bn1.running_mean 256",
            "layer3.1.bn1.running_var 256",
            "layer3.1.conv2.weight 256x256x3x3",
            "layer3.1.bn2.weight 256",
            "layer3.1.bn2.bias 256",
            "layer3.1.bn2.running_mean 256",
            "layer3.1.bn2.running_var 256",
            "layer4.0.conv1.weight 512x256x3x3",
            "layer4.0.bn1.weight 512",
            "layer4.0.bn1.bias 512",
            "layer4.0.bn1.running_mean 512",
            "layer4.0.bn1.running_var 512",
            "layer4.0.conv2.weight 512x512x3x3",
            "layer4.0.bn2.weight 512",
            "layer4.0.bn2.bias 512",
            "layer4.0.bn2.running_mean 512",
            "layer4.0.bn2.running_var 512",
            "layer4.0.downsample.0.weight 512x256x1x1",
            "layer4.0.downsample.1.weight 512",
            "layer4.0.downsample.1.bias 512",
            "layer4.0.downsample.1.running_mean 512",
            "layer4.0.downsample.1.running_var 512",
            "layer4.1.conv1.weight 512x512x3x3",
            "layer4.1.bn1.weight 512",
            "layer4.1.bn1.bias 512",
            "layer4.1.bn1.running_mean 512",
            "layer4.1.bn1.running_var 512",
            "layer4.1.conv2.weight 512x512x3x3",
            "layer4.1.bn2.weight 512",
            "layer4.1.bn2.bias 512",
            "layer4.1.bn2.running_mean 512",
            "layer4.1.bn2.running_var 512"
    );

    @Test
    void parameterNamesAndShapesMatchTorchvision() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNet18 net = new ResNet18(1.0);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            List<String> ours = new ArrayList<>();
            long learnable = 0;
            for (Map.Entry<String, Parameter> e : net.torchvisionParameters().entrySet()) {
                Shape s = e.getValue().getArray().getShape();
                StringBuilder dims = new StringBuilder();
                for (long d : s.getShape()) {
                    dims.append(dims.length() == 0 ? "" : "x").append(d);
                }
                ours.add(e.getKey() + " " + dims);
                if (!e.getKey().contains("running_")) {
                    learnable += s.size();
                }
            }
            assertThat(ours).containsExactlyInAnyOrderElementsOf(TORCHVISION);
            // torchvision's 11,689,512 minus fc (512*1000 + 1000)
            assertThat(learnable).isEqualTo(11_176_512L);
            assertThat(net.featureSize()).isEqualTo(512);
        }
    }

    @Test
    void widthMultiplierAndSmallInputsWork() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNet18 net = new ResNet18(1.0 / 8);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            assertThat(net.featureSize()).isEqualTo(64);
            for (int size : new int[] {32, 48, 33}) {
                NDArray x = manager.randomNormal(new Shape(2, 3, size, size));
                NDArray f = net.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
                assertThat(f.getShape()).isEqualTo(new Shape(2, 64));
            }
        }
    }
}
