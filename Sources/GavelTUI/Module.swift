// The GavelTUI module; its files say what each part is.
