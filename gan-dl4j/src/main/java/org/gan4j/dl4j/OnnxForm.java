package org.gan4j.dl4j;

/**
 * The interface an exported generator's ONNX model presents.
 *
 * @since 0.1.0
 */
public enum OnnxForm {
    /**
     * gan4j's own: input {@code z} float32 [n, latent size], for a conditional generator {@code label} float32
     * [n, classes] one-hot; output {@code sample} float32 [n, sample shape...] as the generator computes it (images in
     * [-1, 1] after a tanh).
     */
    SAMPLES,
    /**
     * Ready for image tools such as torch-fidelity's {@code GenerativeModelONNX} (its inputs are passed by position:
     * {@code z}, then the class): input {@code z} float32 [n, latent size], for a conditional generator {@code label}
     * int64 [n] class indices (one-hot inside the model); output {@code sample} uint8 [n, 3, h, w] =
     * clip(round((x + 1)·127.5), 0, 255), ONNX's Round rounding halves to even, a grayscale image repeated on the
     * three channels. Image generators only.
     */
    UINT8_RGB
}
