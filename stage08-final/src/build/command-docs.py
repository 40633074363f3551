#!/usr/bin/env python3
"""Writes command-docs.tsv, the data behind COMMAND DOCS, from a real redis-server's own COMMAND DOCS.

Only the commands and subcommands this stage implements are kept (the names listed in the file given as the second
argument, one a line, as `redis-cli -p <stage08> COMMAND LIST` prints them plus container|sub names). One line a
command: name, group, since, summary, and the arguments as nested (name type [token=T] [flags] children...) groups.

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
def sx(a):
    parts=[a['name'],a['type']]
    if 'token' in a: parts.append('token='+a['token'].replace(' ','_'))
    for fl in a.get('flags',[]): parts.append(fl)
    inner=''.join(sx(c) for c in a.get('arguments',[]))
    return '('+' '.join(parts)+inner+')'
def line(name,d):
    return '\t'.join([name,d.get('group',''),d.get('since',''),d.get('summary',''),''.join(sx(a) for a in d.get('arguments',[]))])
out=[]
for name in sorted(docs):
    d=docs[name]
    out.append(line(name,d))
    for sub in sorted(d.get('subcommands',{})):
        sn=sub.split('|')[1]
        if name+'|'+sn in ours: out.append(line(sub,d['subcommands'][sub]))
print('\n'.join(out))
