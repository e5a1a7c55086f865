// scratch stub
