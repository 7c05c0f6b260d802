"""Generated from resources/icons.qrc by opendesk.desktop.forms_build: do not edit."""
# mypy: ignore-errors
from PySide6 import QtCore

qt_resource_data = b"\
\x00\x00\x01<\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2232\
\x22 height=\x2232\x22 vi\
ewBox=\x220 0 32 32\
\x22>\x0a  <path d=\x22M9\
 4c-4 0-6 3-6 7 \
0 5 2 6 3 11 .8 \
4 1.5 7 3.5 7s2-\
4.5 3.5-8c.6-1.5\
 1.4-1.5 2 0 1.5\
 3.5 1.5 8 3.5 8\
s2.7-3 3.5-7c1-5\
 3-6 3-11 0-4-2-\
7-6-7-3 0-4 1.5-\
6 1.5S12 4 9 4z\x22\
 fill=\x22#ffffff\x22 \
stroke=\x22#3b7dd8\x22\
 stroke-width=\x222\
\x22/>\x0a</svg>\x0a\
\x00\x00\x01\x0a\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2232\
\x22 height=\x2232\x22 vi\
ewBox=\x220 0 32 32\
\x22>\x0a  <path d=\x22M1\
6 3c-5 0-8 3.5-8\
 8.5v6L5 22.5h22\
l-3-5v-6C24 6.5 \
21 3 16 3z\x22 fill\
=\x22#e0a100\x22 strok\
e=\x22#8a6200\x22 stro\
ke-width=\x221.5\x22/>\
\x0a  <circle cx=\x221\
6\x22 cy=\x2226\x22 r=\x223\x22\
 fill=\x22#8a6200\x22/\
>\x0a</svg>\x0a\
\x00\x00\x01\xaa\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2232\
\x22 height=\x2232\x22 vi\
ewBox=\x220 0 32 32\
\x22>\x0a  <rect x=\x222\x22\
 y=\x227\x22 width=\x2222\
\x22 height=\x2216\x22 rx\
=\x222\x22 fill=\x22#f4f4\
f4\x22 stroke=\x22#2f6\
f3e\x22 stroke-widt\
h=\x222\x22/>\x0a  <path \
d=\x22M3 9l10 8 10-\
8\x22 fill=\x22none\x22 s\
troke=\x22#2f6f3e\x22 \
stroke-width=\x222\x22\
/>\x0a  <rect x=\x2220\
\x22 y=\x2217\x22 width=\x22\
10\x22 height=\x229\x22 r\
x=\x221.5\x22 fill=\x22#e\
0a100\x22/>\x0a  <path\
 d=\x22M22 17v-2.5a\
3 3 0 0 1 6 0V17\
\x22 fill=\x22none\x22 st\
roke=\x22#e0a100\x22 s\
troke-width=\x222\x22/\
>\x0a</svg>\x0a\
\x00\x00\x02\x09\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2264\
\x22 height=\x2264\x22 vi\
ewBox=\x220 0 64 64\
\x22>\x0a  <rect x=\x222\x22\
 y=\x222\x22 width=\x2260\
\x22 height=\x2260\x22 rx\
=\x2212\x22 fill=\x22#1d3\
f70\x22/>\x0a  <path d\
=\x22M20 12c-7 0-10\
 5-10 12 0 9 4 1\
1 5.5 20 1.2 7 2\
.5 10 5.5 10s3.5\
-7 6-13c1-2.5 3-\
2.5 4 0 2.5 6 3 \
13 6 13s4.3-3 5.\
5-10C44 35 48 33\
 48 24c0-7-3-12-\
10-12-5 0-7 2.5-\
9 2.5S25 12 20 1\
2z\x22 fill=\x22#fffff\
f\x22/>\x0a  <rect x=\x22\
36\x22 y=\x2236\x22 width\
=\x2220\x22 height=\x2216\
\x22 rx=\x222\x22 fill=\x22#\
e0a100\x22/>\x0a  <pat\
h d=\x22M40 36v-4a6\
 6 0 0 1 12 0v4\x22\
 fill=\x22none\x22 str\
oke=\x22#e0a100\x22 st\
roke-width=\x223\x22/>\
\x0a</svg>\x0a\
\x00\x00\x01z\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2232\
\x22 height=\x2232\x22 vi\
ewBox=\x220 0 32 32\
\x22>\x0a  <circle cx=\
\x2213\x22 cy=\x2210\x22 r=\x22\
6\x22 fill=\x22#3b7dd8\
\x22/>\x0a  <path d=\x22M\
2 28c0-6.5 5-10.\
5 11-10.5s11 4 1\
1 10.5z\x22 fill=\x22#\
3b7dd8\x22/>\x0a  <cir\
cle cx=\x2223\x22 cy=\x22\
21\x22 r=\x225\x22 fill=\x22\
none\x22 stroke=\x22#1\
d3f70\x22 stroke-wi\
dth=\x222.5\x22/>\x0a  <p\
ath d=\x22M26.5 24.\
5l4 4\x22 stroke=\x22#\
1d3f70\x22 stroke-w\
idth=\x223\x22 stroke-\
linecap=\x22round\x22/\
>\x0a</svg>\x0a\
\x00\x00\x01\x1e\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2232\
\x22 height=\x2232\x22 vi\
ewBox=\x220 0 32 32\
\x22>\x0a  <rect x=\x224\x22\
 y=\x225\x22 width=\x2224\
\x22 height=\x2222\x22 rx\
=\x222\x22 fill=\x22#f4f4\
f4\x22 stroke=\x22#555\
\x22 stroke-width=\x22\
2\x22/>\x0a  <path d=\x22\
M9 11h14M9 16h14\
M9 21h9\x22 stroke=\
\x22#3b7dd8\x22 stroke\
-width=\x222.5\x22 str\
oke-linecap=\x22rou\
nd\x22/>\x0a</svg>\x0a\
"

qt_resource_name = b"\
\x00\x05\
\x00o\xa6S\
\x00i\
\x00c\x00o\x00n\x00s\
\x00\x09\
\x08\x97\x89\x07\
\x00c\
\x00h\x00a\x00r\x00t\x00.\x00s\x00v\x00g\
\x00\x09\
\x0c\x97\x8a\x87\
\x00a\
\x00l\x00e\x00r\x00t\x00.\x00s\x00v\x00g\
\x00\x0b\
\x07\x04(\xa7\
\x00w\
\x00e\x00b\x00m\x00a\x00i\x00l\x00.\x00s\x00v\x00g\
\x00\x0c\
\x02S\xd3\x87\
\x00o\
\x00p\x00e\x00n\x00d\x00e\x00s\x00k\x00.\x00s\x00v\x00g\
\x00\x12\
\x0a\xea\xe1\x87\
\x00s\
\x00e\x00l\x00e\x00c\x00t\x00_\x00p\x00a\x00t\x00i\x00e\x00n\x00t\x00.\x00s\x00v\
\x00g\
\x00\x0a\
\x07\xda*G\
\x00m\
\x00a\x00n\x00a\x00g\x00e\x00.\x00s\x00v\x00g\
"

qt_resource_struct = b"\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x01\x00\x00\x00\x01\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x06\x00\x00\x00\x02\
\x00\x00\x00\x5c\x00\x00\x00\x00\x00\x01\x00\x00\x03\xfc\
\x00\x00\x00@\x00\x00\x00\x00\x00\x01\x00\x00\x02N\
\x00\x00\x00\xa4\x00\x00\x00\x00\x00\x01\x00\x00\x07\x87\
\x00\x00\x00\x10\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\
\x00\x00\x00z\x00\x00\x00\x00\x00\x01\x00\x00\x06\x09\
\x00\x00\x00(\x00\x00\x00\x00\x00\x01\x00\x00\x01@\
"

def qInitResources():
    QtCore.qRegisterResourceData(0x01, qt_resource_struct, qt_resource_name, qt_resource_data)

def qCleanupResources():
    QtCore.qUnregisterResourceData(0x01, qt_resource_struct, qt_resource_name, qt_resource_data)

qInitResources()
