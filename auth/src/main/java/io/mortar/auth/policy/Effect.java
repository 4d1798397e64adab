package io.mortar.auth.policy;

/** A statement's {@code Effect}, spelt exactly as IAM requires it. */
enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String spelling;

    Effect(String spelling) {
        this.spelling = spelling;
    }

    /** The effect spelt exactly {@code Allow} or {@code Deny} (IAM refuses {@code allow}); null for anything else. */
    static Effect named(String text) {
        for (Effect effect : values()) {
            if (effect.spelling.equals(text)) {
                return effect;
            }
        }
        return null;
    }
}
