#!/usr/bin/env python3
"""Writes command-info.tsv, the data behind COMMAND INFO's flags, ACL categories, tips and key specifications (and
COMMAND GETKEYSANDFLAGS), from a real redis-server's own COMMAND INFO.

Only the commands and subcommands this server implements are kept (the names in the file given as the second
argument, as for command-docs.py). One line a command, tab-separated: name, flags, ACL categories, tips, then one
column per key spec, `flags begin find [notes]`:

    flags   RW,access,delete
    begin   index:3  |  keyword:KEYS:-2  |  unknown
    find    range:LASTKEY:KEYSTEP:LIMIT  |  keynum:KEYNUMIDX:FIRSTKEY:KEYSTEP  |  unknown

    redis-server --port 7811 --save '' --appendonly no --daemonize yes
    python3 src/build/command-info.py 7811 names.txt > src/main/resources/dev/buildredis/admin/command-info.tsv
"""
import socket
import sys


def conn(port):
    s = socket.create_connection(('127.0.0.1', port))
    return s, s.makefile('rb')


def send(s, *args):
    out = b'*%d\r\n' % len(args)
    for a in args:
        a = a.encode() if isinstance(a, str) else a
        out += b'$%d\r\n%s\r\n' % (len(a), a)
    s.sendall(out)


def read(f):
    line = f.readline()[:-2]
    t, rest = chr(line[0]), line[1:]
    if t == '+':
        return rest.decode()
    if t == '-':
        raise Exception(rest.decode())
    if t == ':':
        return int(rest)
    if t == '$':
        n = int(rest)
        return None if n < 0 else f.read(n + 2)[:-2].decode()
    if t in '*~':
        return [read(f) for _ in range(int(rest))]
    if t == '%':
        return dict((read(f), read(f)) for _ in range(int(rest)))
    if t == '_':
        return None
    raise Exception(t)


def spec_text(spec):
    extra = set(spec) - {'flags', 'begin_search', 'find_keys', 'notes'}
    if extra:
        raise SystemExit(f'a key spec field this script does not know: {extra}')
    begin, find = spec['begin_search'], spec['find_keys']
    if begin['type'] == 'index':
        b = f"index:{begin['spec']['index']}"
    elif begin['type'] == 'keyword':
        b = f"keyword:{begin['spec']['keyword']}:{begin['spec']['startfrom']}"
    else:
        b = 'unknown'
    if find['type'] == 'range':
        k = f"range:{find['spec']['lastkey']}:{find['spec']['keystep']}:{find['spec']['limit']}"
    elif find['type'] == 'keynum':
        k = f"keynum:{find['spec']['keynumidx']}:{find['spec']['firstkey']}:{find['spec']['keystep']}"
    else:
        k = 'unknown'
    notes = ' ' + spec['notes'].replace('\t', ' ') if spec.get('notes') else ''
    return f"{','.join(spec['flags'])} {b} {k}{notes}"


def main():
    s, f = conn(int(sys.argv[1]))
    send(s, 'HELLO', '3')
    read(f)
    names = [line.strip() for line in open(sys.argv[2]) if line.strip()]
    for name in names:
        send(s, 'COMMAND', 'INFO', name)
        info = read(f)[0]
        if info is None:
            continue
        flags, categories, tips, specs = info[2], info[6], info[7], info[8]
        print('\t'.join([name, ' '.join(flags), ' '.join(categories), ' '.join(tips)] + [spec_text(k) for k in specs]))


main()
