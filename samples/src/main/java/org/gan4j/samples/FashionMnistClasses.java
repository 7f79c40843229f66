package org.gan4j.samples;

/** The names of Fashion-MNIST's ten classes, by label. */
final class FashionMnistClasses {
    static final String[] NAMES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot"};

    private FashionMnistClasses() {
    }
}
