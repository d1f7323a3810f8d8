// The GavelStore module; its files say what each part is.
