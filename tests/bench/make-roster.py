#!/usr/bin/env python3
"""Writes a deterministic member roster CSV (UTF-8 with BOM, as WPS/Excel save it) for
benchmarks: make-roster.py ROWS SEED OUT.csv [BRANCH…]. IDs have valid GB 11643 check digits
and are unique; names follow common surname frequencies."""
import random
import sys

rows, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
branches = sys.argv[4:] or ["青石村党支部", "砚瓦山村党支部", "澄潭村党支部", "江源村党支部"]
rng = random.Random(seed)
surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
given = "建国伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华文红东生志海燕玉凤春林云鹏飞德福水根土龙"
weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
checks = "10X98765432"
regions = ["330822", "330802", "330803", "330881", "330824", "330825"]
edu = ["初中", "高中", "中专", "大专", "大学本科"]
seen = set()
with open(out, "w", encoding="utf-8-sig", newline="") as f:
    f.write("姓名,性别,民族,身份证号,手机号码,学历,入党日期,转正日期,所在支部\r\n")
    for i in range(rows):
        while True:
            year = rng.randint(1940, 2000)
            body = "%s%04d%02d%02d%03d" % (rng.choice(regions), year, rng.randint(1, 12),
                                           rng.randint(1, 28), rng.randint(0, 999))
            if body not in seen:
                seen.add(body)
                break
        check = checks[sum(int(c) * w for c, w in zip(body, weights)) % 11]
        male = int(body[16]) % 2 == 1
        name = rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2))))
        join_year = min(2024, year + rng.randint(20, 45))
        join = "%04d-%02d-01" % (join_year, rng.randint(1, 12))
        full = "%04d-%s" % (join_year + 1, join[5:])
        phone = "1%d%09d" % (rng.choice((3, 5, 7, 8)), rng.randint(0, 999999999))
        f.write("%s,%s,汉族,%s%s,%s,%s,%s,%s,%s\r\n" % (name, "男" if male else "女", body, check,
                                                     phone, rng.choice(edu), join, full,
                                                     rng.choice(branches)))
