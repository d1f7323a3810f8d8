// The GavelSummary module; its files say what each part is.
