package dev.buildredis.persistence.rdb;

/**
 * The numbers of Redis's RDB file format, shared by {@link RdbWriter} and {@link RdbReader}.
 *
 * <p>A file is a magic string, then a stream of one-byte opcodes, each followed by its operands; a byte that is not
 * an opcode is the type of a key that follows:
 * <pre>
 *   "REDIS" "0010"                         magic and version, ASCII
 *   FA  aux-name  aux-value                AUX: redis-ver, ctime, used-mem, ... (strings)
 *   FE  db                                 SELECTDB (a length)
 *   FB  keys  expires                      RESIZEDB (two lengths: hints for the hash tables)
 *   FC  8-byte ms, little-endian           EXPIRETIME_MS of the key that follows
 *   00  key  value                         a key: its type byte, its name (a string), its value
 *   ...
 *   FF  8-byte CRC64, little-endian        EOF and the checksum of every byte before it (0: not computed)
 * </pre>
 *
 * <p>A <em>length</em> takes 1, 2, 5 or 9 bytes, told apart by the first byte's two high bits; the fourth form
 * says that a <em>string</em> is stored as an integer or LZF-compressed instead of as length and bytes:
 * <pre>
 *   00xxxxxx                      6-bit length
 *   01xxxxxx xxxxxxxx             14-bit length, big-endian
 *   10000000 + 4 bytes            32-bit length, big-endian
 *   10000001 + 8 bytes            64-bit length, big-endian
 *   11000000 + 1 byte             string that is an int8     (the integers are little-endian)
 *   11000001 + 2 bytes            string that is an int16
 *   11000010 + 4 bytes            string that is an int32
 *   11000011 clen len + clen bytes  LZF-compressed string of len bytes
 * </pre>
 */
final class RdbFormat {

    /** The version this writer produces: Redis 7.0's. */
    static final int VERSION = 10;
    /** The newest version the reader accepts: 11 is Redis 7.2's, which adds the set listpack type. */
    static final int NEWEST_READABLE = 11;
    /** Version 5 added the checksum after EOF; older files end with the EOF byte. */
    static final int FIRST_WITH_CHECKSUM = 5;

    // Opcodes, 245..255.
    static final int OPCODE_FUNCTION2 = 245;
    static final int OPCODE_FUNCTION_PRE_GA = 246;
    static final int OPCODE_MODULE_AUX = 247;
    static final int OPCODE_IDLE = 248;
    static final int OPCODE_FREQ = 249;
    static final int OPCODE_AUX = 250;
    static final int OPCODE_RESIZEDB = 251;
    static final int OPCODE_EXPIRETIME_MS = 252;
    static final int OPCODE_EXPIRETIME = 253;
    static final int OPCODE_SELECTDB = 254;
    static final int OPCODE_EOF = 255;

    // Value types: 0-5 are the plain forms, the others Redis's compact encodings serialised as one blob.
    static final int TYPE_STRING = 0;
    static final int TYPE_LIST = 1;
    static final int TYPE_SET = 2;
    static final int TYPE_ZSET = 3;
    static final int TYPE_HASH = 4;
    static final int TYPE_ZSET_2 = 5;
    static final int TYPE_MODULE_PRE_GA = 6;
    static final int TYPE_MODULE_2 = 7;
    static final int TYPE_HASH_ZIPMAP = 9;
    static final int TYPE_LIST_ZIPLIST = 10;
    static final int TYPE_SET_INTSET = 11;
    static final int TYPE_ZSET_ZIPLIST = 12;
    static final int TYPE_HASH_ZIPLIST = 13;
    static final int TYPE_LIST_QUICKLIST = 14;
    static final int TYPE_STREAM_LISTPACKS = 15;
    static final int TYPE_HASH_LISTPACK = 16;
    static final int TYPE_ZSET_LISTPACK = 17;
    static final int TYPE_LIST_QUICKLIST_2 = 18;
    static final int TYPE_STREAM_LISTPACKS_2 = 19;
    static final int TYPE_SET_LISTPACK = 20;
    static final int TYPE_STREAM_LISTPACKS_3 = 21;

    /** The container kinds of a quicklist-2 node: one element stored as itself, or a listpack of several. */
    static final int QUICKLIST_NODE_PLAIN = 1;
    static final int QUICKLIST_NODE_PACKED = 2;

    // The first byte of a length: the 6- and 14-bit forms are told by its two high bits, the 32- and 64-bit forms
    // by the whole byte; in the "11" form the low six bits say which special string follows.
    static final int LEN_6BIT = 0;
    static final int LEN_14BIT = 1;
    static final int LEN_32BIT = 0x80;
    static final int LEN_64BIT = 0x81;
    static final int ENCODED = 3;
    static final int ENC_INT8 = 0;
    static final int ENC_INT16 = 1;
    static final int ENC_INT32 = 2;
    static final int ENC_LZF = 3;

    // Text-double special lengths (type 3, the old sorted set): the length byte itself says which value it is.
    static final int DOUBLE_NAN = 253;
    static final int DOUBLE_POSITIVE_INFINITY = 254;
    static final int DOUBLE_NEGATIVE_INFINITY = 255;

    /** Redis's proto-max-bulk-len: no string in a file this reader accepts may be longer. */
    static final long MAX_STRING = 512L * 1024 * 1024;

    private RdbFormat() {
    }
}
