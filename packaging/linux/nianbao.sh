#!/bin/sh
# 年报助手 (nianbao): the program lives in /opt/nianbao. Chinese input under fcitx is
# handled inside the program (packaging/rth_input_method.py), before Qt starts.
exec /opt/nianbao/nianbao "$@"
