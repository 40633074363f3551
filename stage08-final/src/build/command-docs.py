#!/usr/bin/env python3
"""Writes command-docs.tsv, the data behind COMMAND DOCS, from a real redis-server's own COMMAND DOCS.

Only the commands and subcommands this stage implements are kept (the names listed in the file given as the second
argument, one a line, as `redis-cli -p <stage08> COMMAND LIST` prints them plus container|sub names). Every field
redis-server 7.0 gives is kept; a field this script does not know stops it, so that none is lost unseen.

One line a command (a subcommand is named container|sub), its fields separated by tabs:

    name  group  since  summary  complexity  arguments  [field=value ...]

complexity is empty where Redis gives none. The columns after the arguments are the rarer fields, in Redis's order:
doc_flags=deprecated (several flags are separated by spaces), deprecated_since=6.2.0, replaced_by=`ZRANGE` ...,
and history=2.6.12 Added the `EX` option. (one column an entry: its version, a space, its text).

The arguments are nested groups, one an argument: (name type [spec=N] [token=T] [since=V] [deprecated_since=V]
[flag...] children...), where spec is the argument's key_spec_index, the flags are optional, multiple and
multiple_token, and the children are the parts of a oneof or a block. For example:

    (key key spec=0)(condition oneof since=2.6.12 optional(nx pure-token token=NX)(xx pure-token token=XX))

    redis-server --port 7811 --save '' --appendonly no --daemonize yes
    python3 src/build/command-docs.py 7811 names.txt > src/main/resources/dev/buildredis/admin/command-docs.tsv
"""
import socket,sys
def conn(port):
    s=socket.create_connection(('127.0.0.1',port)); return s, s.makefile('rb')
def send(s,*args):
    out=b'*%d\r\n'%len(args)
    for a in args:
        a=a.encode() if isinstance(a,str) else a
        out+=b'$%d\r\n%s\r\n'%(len(a),a)
    s.sendall(out)
def read(f):
    line=f.readline()[:-2]; t=chr(line[0]); rest=line[1:]
    if t in '+': return rest.decode()
    if t=='-': raise Exception(rest.decode())
    if t==':': return int(rest)
    if t=='$':
        n=int(rest)
        if n<0: return None
        d=f.read(n+2)[:-2]; return d.decode()
    if t in '*~':
        n=int(rest); return [read(f) for _ in range(n)]
    if t=='%':
        n=int(rest); return dict((read(f),read(f)) for _ in range(n))
    raise Exception(t)
s,f=conn(int(sys.argv[1])); send(s,'HELLO','3'); read(f)
ours=[l.strip() for l in open(sys.argv[2])]  # COMMAND LIST of our server, and its container|subcommand names
send(s,'COMMAND','DOCS',*[o.split('|')[0] for o in ours if '|' not in o]); docs=read(f)
COMMAND_FIELDS=['summary','since','group','complexity','doc_flags','deprecated_since','replaced_by','history',
                'arguments','subcommands']
ARGUMENT_FIELDS=['name','type','key_spec_index','token','since','deprecated_since','flags','arguments']
def word(text,may_be_empty=False):  # MIGRATE's empty_string has the empty token: token=
    if not (text or may_be_empty) or any(c in text for c in ' \t()'): raise Exception('not one word: %r'%text)
    return text
def sx(a):
    if list(a)!=[k for k in ARGUMENT_FIELDS if k in a]: raise Exception('argument fields: %r'%list(a))
    parts=[word(a['name']),word(a['type'])]
    if 'key_spec_index' in a: parts.append('spec=%d'%a['key_spec_index'])
    for k in ('token','since','deprecated_since'):
        if k in a: parts.append(k+'='+word(a[k],k=='token'))
    parts+=[word(fl) for fl in a.get('flags',[])]
    inner=''.join(sx(c) for c in a.get('arguments',[]))
    return '('+' '.join(parts)+inner+')'
def line(name,d):
    if list(d)!=[k for k in COMMAND_FIELDS if k in d]: raise Exception('%s fields: %r'%(name,list(d)))
    fields=[name,d['group'],d['since'],d['summary'],d.get('complexity',''),''.join(sx(a) for a in d.get('arguments',[]))]
    if 'doc_flags' in d: fields.append('doc_flags='+' '.join(d['doc_flags']))
    for k in ('deprecated_since','replaced_by'):
        if k in d: fields.append(k+'='+d[k])
    fields+=['history=%s %s'%(word(version),text) for version,text in d.get('history',[])]
    if any('\t' in f or '\n' in f for f in fields): raise Exception('a tab or a newline in '+name)
    return '\t'.join(fields)
out=[]
for name in sorted(docs):
    d=docs[name]
    out.append(line(name,d))
    for sub in sorted(d.get('subcommands',{})):
        sn=sub.split('|')[1]
        if name+'|'+sn in ours: out.append(line(sub,d['subcommands'][sub]))
print('\n'.join(out))
