// SwiftPM needs one C source in a C target; libqrencode itself is linked (see Package.swift).
#include "CQREncode.h"
