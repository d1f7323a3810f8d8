#ifndef CQRENCODE_H
#define CQRENCODE_H
// libqrencode (Debian's libqrencode-dev). GavelWeb's QRCode is the only Swift code that calls it.
#include <qrencode.h>
#endif
