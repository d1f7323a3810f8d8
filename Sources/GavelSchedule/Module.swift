// The GavelSchedule module; its files say what each part is.
